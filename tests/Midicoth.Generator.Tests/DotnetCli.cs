using System.Diagnostics;

namespace Midicoth.Generator.Tests;

/// <summary>Runs the dotnet CLI (or a built tool, or a shell) for the tests that build real projects.</summary>
internal static class DotnetCli
{
    public static (int Code, string Output) Run(string workingDirectory, params string[] args) =>
        RunProgram("dotnet", workingDirectory, null, args);

    public static (int Code, string Output) RunProgram(string program, string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo(program, args)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), $"{program} {string.Join(' ', args)} timed out");
        return (process.ExitCode, stdout + stderr.Result);
    }
}
