namespace Midicoth.Cli;

/// <summary>The process exit codes of every Midicoth command-line tool (documented in the README).</summary>
public static class ExitCodes
{
    /// <summary>Everything asked was done.</summary>
    public const int Success = 0;
    /// <summary>The command line was wrong (unknown option, missing argument).</summary>
    public const int Usage = 1;
    /// <summary>A file could not be read or written, or the output exists and -f was not given.</summary>
    public const int Io = 2;
    /// <summary>The input is not a Midicoth file, or it is truncated or corrupted.</summary>
    public const int BadData = 3;
    /// <summary>Interrupted (Ctrl-C, SIGINT); nothing was left behind.</summary>
    public const int Interrupted = 130;
    /// <summary>Terminated (SIGTERM); nothing was left behind.</summary>
    public const int Terminated = 143;
    /// <summary>Hung up (SIGHUP); nothing was left behind.</summary>
    public const int HangUp = 129;
}
