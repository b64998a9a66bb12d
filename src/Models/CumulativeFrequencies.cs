using System.Runtime.CompilerServices;

namespace Midicoth.Models;

/// <summary>
/// Probabilities to the coder's integer frequencies: f = trunc(p·16384 + 0.5), at least 1, accumulated.
/// The total stays below 2^15, so the 32-bit coder never runs out of range.
/// </summary>
public static class CumulativeFrequencies
{
    public const double Scale = 16384.0;

    /// <summary>Fills <paramref name="cum"/> (257 entries, cum[0] = 0) and returns the total cum[256].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Build(ReadOnlySpan<double> probs, Span<uint> cum)
    {
        cum = cum[..(probs.Length + 1)];
        uint running = 0;
        cum[0] = 0;
        for (int i = 0; i < probs.Length; i++)
        {
            // The product by a power of two is exact, so p*16384 + 0.5 needs no fused form.
            uint f = (uint)(long)(probs[i] * Scale + 0.5);
            if (f < 1) f = 1;
            running += f;
            cum[i + 1] = running;
        }
        return running;
    }
}
