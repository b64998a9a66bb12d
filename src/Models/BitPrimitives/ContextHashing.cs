namespace Midicoth.Models.BitPrimitives;

/// <summary>Hashes of bit-wise contexts: 32 well-mixed bits (the low ones pick a line, the top 8 are the check).</summary>
public static class ContextHashing
{
    /// <summary>The hash of the last <paramref name="order"/> bytes (0..16), salted by <paramref name="salt"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static uint OfOrder(in BitContext context, int order, uint salt)
    {
        ulong low = order >= 8 ? context.Last8 : context.Last8 & ((1UL << (order * 8)) - 1);
        ulong high = order <= 8 ? 0 : order >= 16 ? context.Before8 : context.Before8 & ((1UL << ((order - 8) * 8)) - 1);
        return Mix(low * 0x9E3779B97F4A7C15UL + high * 0xC2B2AE3D27D4EB4FUL + salt * 0x165667B19E3779F9UL + (ulong)order);
    }

    /// <summary>The hash of two values, salted.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static uint Of(ulong a, ulong b, uint salt) =>
        Mix(a * 0x9E3779B97F4A7C15UL + b * 0xC2B2AE3D27D4EB4FUL + salt * 0x165667B19E3779F9UL);

    /// <summary>The slot hash of a byte context's nibble: the first (nibble 0) or the second after high nibble <paramref name="high"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static uint OfNibble(uint byteHash, int high)
    {
        uint x = (byteHash ^ ((uint)(high + 1) * 0x9E3779B1u)) * 0x85EBCA6Bu;
        return x ^ (x >> 13);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static uint Mix(ulong h)
    {
        h ^= h >> 29;
        h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 32;
        return (uint)h;
    }
}
