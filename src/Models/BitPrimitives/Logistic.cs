namespace Midicoth.Models.BitPrimitives;

/// <summary>
/// The logistic domain the bit-wise stages speak. A probability is 12 bits (<c>p</c> in 1..4095 means
/// p/4096 that the next bit is 1); its <see cref="Stretch"/> is ln(p/(1−p)) scaled by 256 and clamped to
/// ±2047, the mixer's input unit; <see cref="Squash"/> is the inverse. Both tables are built from 33 integer
/// points by linear interpolation, so they are identical on every machine (no floating point involved).
/// </summary>
public static class Logistic
{
    // 4096 / (1 + e^(-x/256)) at x = -2048, -1920, ..., 2048, rounded.
    private static readonly int[] Points =
    [
        1, 2, 4, 6, 10, 17, 27, 45, 74, 120, 194, 311, 488, 747, 1102, 1546, 2048,
        2550, 2994, 3349, 3608, 3785, 3902, 3976, 4022, 4051, 4069, 4079, 4086, 4090, 4092, 4094, 4095,
    ];

    private static readonly short[] SquashTable = BuildSquash();
    private static readonly short[] StretchTable = BuildStretch();

    /// <summary>The probability (1..4095) of logit <paramref name="x"/> (clamped to ±2047).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static int Squash(int x)
    {
        if (x > 2047) x = 2047;
        if (x < -2047) x = -2047;
        return SquashTable[x + 2048];
    }

    /// <summary>The logit (−2047..2047) of a 12-bit probability (0..4095).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static int Stretch(int p) => StretchTable[p];

    private static short[] BuildSquash()
    {
        var table = new short[4096];
        for (int x = -2048; x < 2048; x++)
        {
            int i = (x + 2048) >> 7, w = (x + 2048) & 127;
            int p = (Points[i] * (128 - w) + Points[i + 1] * w + 64) >> 7;
            table[x + 2048] = (short)Math.Clamp(p, 1, 4095);
        }
        return table;
    }

    private static short[] BuildStretch()
    {
        // The inverse of squash: for each p, the smallest x whose squash reaches it (monotone, so one pass).
        var table = new short[4096];
        int x = -2047;
        for (int p = 0; p < 4096; p++)
        {
            while (x < 2047 && Squash(x) < p) x++;
            table[p] = (short)x;
        }
        return table;
    }
}
