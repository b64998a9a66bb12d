using Midicoth.Cli;

namespace Midicoth.Tests;

/// <summary>zstd/xz-style command-line behaviour of the shared host.</summary>
public sealed class CliConventionTests() : CliScratch("midicoth-conv-")
{
    private readonly byte[] _data = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 400).Select(i => $"row {i}, value {i * 37 % 101}\n")));

    private int Run(string[] args, Stream? stdin = null, MemoryStream? stdout = null) =>
        new CliHost("midicoth", PipelineCodec.Paper)
        {
            Out = _out,
            Error = _err,
            OpenStdin = () => stdin ?? new MemoryStream(),
            OpenStdout = () => stdout ?? new MemoryStream(),
            ErrorIsTerminal = false,
            OutputIsTerminal = false,
        }.Run(args);

    [Fact]
    public void File_becomes_file_mdg_and_back()
    {
        File.WriteAllBytes(PathOf("data.txt"), _data);
        Assert.Equal(0, Run([PathOf("data.txt")]));
        Assert.Equal(["data.txt", "data.txt.mdg"], FilesLeft());
        Assert.True(MdgFrame.HasMagic(File.ReadAllBytes(PathOf("data.txt.mdg"))));
        File.Move(PathOf("data.txt"), PathOf("orig.txt"));
        Assert.Equal(0, Run(["-d", PathOf("data.txt.mdg")]));
        Assert.Equal(_data, File.ReadAllBytes(PathOf("data.txt")));
    }

    [Fact]
    public void Refuses_to_overwrite_without_force_and_removes_source_with_rm()
    {
        File.WriteAllBytes(PathOf("a"), _data);
        File.WriteAllText(PathOf("a.mdg"), "keep me");
        Assert.Equal(ExitCodes.Io, Run([PathOf("a")]));
        Assert.Equal("keep me", File.ReadAllText(PathOf("a.mdg")));
        Assert.Equal(0, Run(["-f", "--rm", PathOf("a")]));
        Assert.Equal(["a.mdg"], FilesLeft());
        Assert.Equal(0, Run(["-t", PathOf("a.mdg")]));
        Assert.Equal(["a.mdg"], FilesLeft());
    }

    [Fact]
    public void Stdin_to_stdout_both_ways()
    {
        var packed = new MemoryStream();
        Assert.Equal(0, Run([], new MemoryStream(_data), packed));
        var back = new MemoryStream();
        Assert.Equal(0, Run(["-d"], new MemoryStream(packed.ToArray()), back));
        Assert.Equal(_data, back.ToArray());
    }

    [Fact]
    public void Stdout_and_output_options()
    {
        File.WriteAllBytes(PathOf("in"), _data);
        var packed = new MemoryStream();
        Assert.Equal(0, Run(["-c", PathOf("in")], stdout: packed));
        Assert.Equal(["in"], FilesLeft());
        Assert.Equal(0, Run(["-o", PathOf("named.bin"), PathOf("in")]));
        Assert.Equal(packed.ToArray(), File.ReadAllBytes(PathOf("named.bin")));
        Assert.Equal(0, Run(["-d", "-o", PathOf("out"), PathOf("named.bin")]));
        Assert.Equal(_data, File.ReadAllBytes(PathOf("out")));
    }

    [Fact]
    public void Threads_split_blocks_and_still_round_trip()
    {
        File.WriteAllBytes(PathOf("in"), [.. _data, .. _data, .. _data, .. _data, .. _data, .. _data, .. _data, .. _data, .. _data, .. _data]);
        Assert.Equal(0, Run(["-T", "2", "-B", "4K", "-o", PathOf("two.mdg"), PathOf("in")]));
        Assert.Equal(0, Run(["-T1", "-o", PathOf("one.mdg"), PathOf("in")]));
        Assert.Equal(0, Run(["-d", "-T", "2", "-o", PathOf("back"), PathOf("two.mdg")]));
        Assert.Equal(File.ReadAllBytes(PathOf("in")), File.ReadAllBytes(PathOf("back")));
        // Threads change the speed, never the bytes: the same blocks as the library codes on one thread.
        byte[] input = File.ReadAllBytes(PathOf("in"));
        Assert.Equal(MdgFrame.Compress(PipelineCodec.Paper, input, new MdgOptions { BlockSize = 4096 }), File.ReadAllBytes(PathOf("two.mdg")));
        Assert.Equal(MdgFrame.Compress(PipelineCodec.Paper, input), File.ReadAllBytes(PathOf("one.mdg")));

        // A damaged block decoded on a worker thread: the same exit code and message as on one thread, no output.
        byte[] damaged = File.ReadAllBytes(PathOf("two.mdg"));
        damaged[damaged.Length / 2] ^= 0x40;
        File.WriteAllBytes(PathOf("damaged.mdg"), damaged);
        Assert.Equal(ExitCodes.BadData, Run(["-d", "-T1", "-o", PathOf("damaged.out"), PathOf("damaged.mdg")]));
        string oneThread = _err.ToString();
        _err.GetStringBuilder().Clear();
        Assert.Equal(ExitCodes.BadData, Run(["-d", "-T", "2", "-o", PathOf("damaged.out"), PathOf("damaged.mdg")]));
        Assert.StartsWith($"midicoth: error: {PathOf("damaged.mdg")}: ", oneThread);
        Assert.Equal(oneThread, _err.ToString());
        Assert.False(File.Exists(PathOf("damaged.out")));
    }

    [Fact]
    public void Unknown_suffix_corrupt_frame_and_bench()
    {
        File.WriteAllBytes(PathOf("plain"), _data);
        Assert.Equal(ExitCodes.Usage, Run(["-d", PathOf("plain")]));
        Assert.Equal(0, Run([PathOf("plain")]));
        byte[] packed = File.ReadAllBytes(PathOf("plain.mdg"));
        packed[packed.Length / 2] ^= 0x20;
        File.WriteAllBytes(PathOf("bad.mdg"), packed);
        Assert.Equal(ExitCodes.BadData, Run(["-d", PathOf("bad.mdg")]));
        Assert.DoesNotContain("bad", FilesLeft());
        Assert.Equal(0, Run(["-b", PathOf("plain")]));
        Assert.Contains("plain", _out.ToString());
    }

    [Fact]
    public void Help_starts_with_a_usage_line()
    {
        Assert.Equal(0, Run(["--help"]));
        Assert.StartsWith("usage: midicoth ", _out.ToString());
    }
}
