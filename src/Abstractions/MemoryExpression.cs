// Compiled into Midicoth.Abstractions and, linked, into the netstandard2.0 generator (like StageCatalog.cs): the
// generator evaluates a user stage's memory figure at compile time (diagnostics, the topology's total) and the
// library evaluates the same text at run time, before anything is allocated. Keep it free of newer library features.
using System;
using System.Collections.Generic;

namespace Midicoth
{
    /// <summary>
    /// A user stage's memory figure: integer arithmetic over its parameters, e.g. <c>(1 &lt;&lt; Bits) * 2 + 4096</c>.
    /// Operators, by C#'s precedence: <c>* /</c>, then <c>+ -</c>, then <c>&lt;&lt;</c>; parentheses; decimal
    /// literals; parameter names (as declared, ignoring case). Evaluated in 64 bits; an overflow, a division by
    /// zero or a shift outside 0..62 is an error, never a wrapped figure.
    /// </summary>
    internal static class MemoryExpression
    {
        /// <summary>The figure for <paramref name="values"/> of <paramref name="names"/>, or null with the reason in <paramref name="error"/>.</summary>
        public static long? Evaluate(string text, IList<string> names, IList<int> values, out string? error)
        {
            var parser = new Reader(text ?? "", names, values);
            try
            {
                long value = parser.Shift();
                parser.SkipSpaces();
                if (!parser.AtEnd) throw new FormatException("unexpected '" + parser.Current + "' at " + (parser.Position + 1));
                if (value < 0) throw new FormatException("it is negative (" + value + ")");
                error = null;
                return value;
            }
            catch (FormatException e)
            {
                error = "memory '" + text + "': " + e.Message;
                return null;
            }
            catch (OverflowException)
            {
                error = "memory '" + text + "': it overflows 64 bits";
                return null;
            }
        }

        private sealed class Reader
        {
            private readonly string _text;
            private readonly IList<string> _names;
            private readonly IList<int> _values;
            private int _depth;

            public Reader(string text, IList<string> names, IList<int> values)
            {
                _text = text;
                _names = names;
                _values = values;
            }

            public int Position { get; private set; }
            public bool AtEnd => Position >= _text.Length;
            public char Current => _text[Position];

            public void SkipSpaces()
            {
                while (!AtEnd && char.IsWhiteSpace(Current)) Position++;
            }

            private bool Take(string op)
            {
                SkipSpaces();
                if (string.CompareOrdinal(_text, Position, op, 0, op.Length) != 0) return false;
                Position += op.Length;
                return true;
            }

            public long Shift()
            {
                long value = Sum();
                while (Take("<<"))
                {
                    long by = Sum();
                    if (by < 0 || by > 62) throw new FormatException("a shift by " + by + " (0..62 allowed)");
                    if (value != 0 && (value > (long.MaxValue >> (int)by))) throw new OverflowException();
                    value <<= (int)by;
                }
                return value;
            }

            private long Sum()
            {
                long value = Product();
                while (true)
                {
                    if (Take("+")) value = checked(value + Product());
                    else if (Take("-")) value = checked(value - Product());
                    else return value;
                }
            }

            private long Product()
            {
                long value = Atom();
                while (true)
                {
                    if (Take("*")) value = checked(value * Atom());
                    else if (Take("/"))
                    {
                        long by = Atom();
                        if (by == 0) throw new FormatException("a division by zero");
                        value /= by;
                    }
                    else return value;
                }
            }

            private long Atom()
            {
                SkipSpaces();
                if (AtEnd) throw new FormatException("it ends where a number or a parameter was expected");
                if (Take("("))
                {
                    if (++_depth > 32) throw new FormatException("parentheses nested too deep");
                    long inner = Shift();
                    if (!Take(")")) throw new FormatException("a '(' without its ')'");
                    _depth--;
                    return inner;
                }
                int start = Position;
                if (char.IsDigit(Current))
                {
                    long value = 0;
                    while (!AtEnd && char.IsDigit(Current)) value = checked(value * 10 + (_text[Position++] - '0'));
                    return value;
                }
                while (!AtEnd && (char.IsLetterOrDigit(Current) || Current == '_')) Position++;
                if (Position == start) throw new FormatException("unexpected '" + Current + "' at " + (Position + 1));
                string name = _text.Substring(start, Position - start);
                for (int i = 0; i < _names.Count; i++)
                {
                    if (string.Equals(_names[i], name, StringComparison.OrdinalIgnoreCase)) return _values[i];
                }
                throw new FormatException("'" + name + "' is not a parameter of the stage (" + (_names.Count == 0 ? "it has none" : string.Join(", ", _names)) + ")");
            }
        }
    }
}
