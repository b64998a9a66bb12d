using System.Text;

namespace Midicoth.Models.Formats;

/// <summary>
/// Text that came from a file (a frame's topology, a name) shown safely in a one-line message: control
/// characters, quotes, backslashes and anything outside printable ASCII are escaped (<c>\n</c>, <c>\x1b</c>,
/// <c>\u00e9</c>), and the text is cut after a bounded length, so that a hostile file can neither break the line
/// nor send escape sequences to a terminal.
/// </summary>
public static class UntrustedText
{
    /// <summary>The longest text shown before it is cut (with "…").</summary>
    public const int MaxShown = 60;

    /// <summary><paramref name="text"/> in single quotes, escaped and cut.</summary>
    public static string Quote(string text) => "'" + Escape(text, MaxShown) + "'";

    /// <summary><paramref name="text"/> escaped (see the class summary); cut after <paramref name="max"/> characters of input.</summary>
    public static string Escape(string text, int max = int.MaxValue)
    {
        var s = new StringBuilder(Math.Min(text.Length, max) + 8);
        for (int i = 0; i < text.Length; i++)
        {
            if (i == max)
            {
                s.Append('…');
                break;
            }
            char c = text[i];
            switch (c)
            {
                case '\n': s.Append("\\n"); break;
                case '\r': s.Append("\\r"); break;
                case '\t': s.Append("\\t"); break;
                case '\\': s.Append("\\\\"); break;
                case '\'': s.Append("\\'"); break;
                default:
                    if (c < ' ' || c == (char)127) s.Append("\\x").Append(((int)c).ToString("x2"));
                    else if (c > (char)127) s.Append("\\u").Append(((int)c).ToString("x4"));
                    else s.Append(c);
                    break;
            }
        }
        return s.ToString();
    }

    /// <summary>The longest message line shown before it is cut (with "…").</summary>
    public const int MaxLine = 400;

    /// <summary>
    /// A message line with every control character escaped as <c>\xNN</c> (printable text, quotes included, stays
    /// as it is), cut after <see cref="MaxLine"/> characters.
    /// </summary>
    public static string Line(string message)
    {
        var s = new StringBuilder(Math.Min(message.Length, MaxLine) + 8);
        for (int i = 0; i < message.Length; i++)
        {
            if (i == MaxLine)
            {
                s.Append('…');
                break;
            }
            char c = message[i];
            if (c < ' ' || c == (char)127 || c is >= '\u0080' and <= '\u009f') s.Append("\\x").Append(((int)c).ToString("x2"));
            else s.Append(c);
        }
        return s.ToString();
    }
}
