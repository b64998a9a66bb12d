using System.Diagnostics;
using Midicoth.Cli;

namespace Midicoth.Tests;

/// <summary>The progress display and Ctrl-C, which need a terminal or a real process.</summary>
public sealed class CliProcessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("midicoth-proc-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static byte[] Input(int length)
    {
        var data = new byte[length];
        new Random(11).NextBytes(data);
        for (int i = 0; i < length; i += 3) data[i] = (byte)'a';
        return data;
    }

    [Fact]
    public void Progress_is_shown_on_a_terminal_for_large_inputs_and_cleared()
    {
        string input = Path.Combine(_dir, "big.bin");
        File.WriteAllBytes(input, Input(3 << 20));
        var err = new StringWriter();
        var host = new CliHost("midicoth", new PipelineCodec(Topology.Parse("ppm:1"))) { Error = err, Out = TextWriter.Null, ErrorIsTerminal = true };
        Assert.Equal(0, host.Run([input]));
        string shown = err.ToString();
        Assert.Contains("big.bin: ", shown);
        Assert.Contains("%", shown);
        Assert.EndsWith("\r", shown);

        var quiet = new StringWriter();
        Assert.Equal(0, new CliHost("midicoth", new PipelineCodec(Topology.Parse("ppm:1"))) { Error = quiet, ErrorIsTerminal = true }.Run(["-q", "-f", input]));
        Assert.Equal("", quiet.ToString());
    }

    [Fact]
    public async Task A_signal_leaves_no_partial_output_and_exits_with_128_plus_the_signal()
    {
        string? tool = FindTool();
        if (tool == null) SharedData.SkipOrFail("samples/Midicoth is not built in Release (dotnet build -c Release builds it)");
        string input = Path.Combine(_dir, "slow.bin");
        File.WriteAllBytes(input, Input(2 << 20)); // about half a minute with the paper topology
        // A shell starts the tool, signals it once its temporary output exists (the signal handlers are in place by
        // then; a fixed delay raced the runtime's start-up on a loaded machine) and reports its exit code.
        // SIGTERM: SIGINT (Ctrl-C) takes the same path, but a shell's background job ignores SIGINT.
        string script = $"dotnet '{tool}' -q '{input}' & pid=$!; " +
            $"for i in $(seq 600); do ls -A '{_dir}' | grep -q '[.]tmp$' && break; sleep 0.1; done; " +
            "kill -TERM $pid; wait $pid; echo exit=$?";
        using var process = Process.Start(new ProcessStartInfo("bash", ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the tool did not stop on SIGTERM");
        }
        Assert.Contains($"exit={ExitCodes.Terminated}", await output + await errors);
        Assert.Contains("interrupted", await errors);
        Assert.Equal(["slow.bin"], Directory.GetFiles(_dir).Select(f => Path.GetFileName(f)).ToArray());
    }

    private static string? FindTool()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            string path = Path.Combine(dir.FullName, "samples", "Midicoth", "bin", "Release", "net10.0", "midicoth.dll");
            if (File.Exists(path)) return path;
        }
        return null;
    }
}
