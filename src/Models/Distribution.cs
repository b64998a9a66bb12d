using System.Runtime.CompilerServices;

namespace Midicoth.Models;

/// <summary>
/// Operations on a 256-symbol probability vector. The reference ends almost every stage with the same idiom:
/// clamp each entry to at least 1e-10, add them up strictly in index order, multiply by the reciprocal of the sum.
/// The order of that sum and the reciprocal multiply (not a division) decide the output bits, so both are kept.
/// </summary>
public static class Distribution
{
    public const int Symbols = 256;
    public const double Floor = 1e-10;

    /// <summary>Clamp to <see cref="Floor"/>, sequential sum, multiply by 1/sum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ClampNormalize(Span<double> p)
    {
        double sum = 0.0;
        for (int i = 0; i < p.Length; i++)
        {
            double v = p[i];
            if (v < Floor) { v = Floor; p[i] = v; }
            sum += v;
        }
        Scale(p, 1.0 / sum);
    }

    /// <summary>Multiply every entry by <paramref name="factor"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Scale(Span<double> p, double factor)
    {
        for (int i = 0; i < p.Length; i++)
        {
            p[i] *= factor;
        }
    }

    /// <summary>The largest entry, scanning from 0.0 with strict "greater than" as the reference does.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Max(ReadOnlySpan<double> p)
    {
        double max = 0.0;
        for (int i = 0; i < p.Length; i++)
        {
            if (p[i] > max) max = p[i];
        }
        return max;
    }
}
