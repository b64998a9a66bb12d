using System.Diagnostics;

namespace Midicoth.Generator.Tests;

/// <summary>
/// Runs the dotnet CLI (or a built tool, or a shell) for the tests that build real projects. The child gets its
/// own empty standard input (the test process's own is the test runner's channel, and `dotnet run` forwards it),
/// and no build server or reusable MSBuild node outlives it (one would keep the test runner's handles and
/// processes around after the test).
/// </summary>
internal static class DotnetCli
{
    public static (int Code, string Output) Run(string workingDirectory, params string[] args) =>
        RunProgram("dotnet", workingDirectory, null, args);

    public static (int Code, string Output) RunProgram(string program, string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo(program, args)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', args)} timed out");
        }
        return (process.ExitCode, stdout + stderr.Result);
    }
}
