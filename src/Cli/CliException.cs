namespace Midicoth.Cli;

/// <summary>An error to show the user as one line, with the exit code it maps to.</summary>
public sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
