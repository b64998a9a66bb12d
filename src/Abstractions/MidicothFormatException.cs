namespace Midicoth;

/// <summary>
/// Thrown when compressed input is not in a format we can read, or is truncated or corrupted.
/// The message is one line, fit to show a user as it is.
/// </summary>
public sealed class MidicothFormatException : IOException
{
    /// <summary>Creates the exception with a one-line message.</summary>
    public MidicothFormatException(string message) : base(message) { }
}
