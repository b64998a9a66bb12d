namespace Midicoth.Models.BitPrimitives;

/// <summary>
/// An adaptive probability per context (a bit-history state, a match length, ...): 22-bit probability and a
/// 10-bit hit count packed in one uint. Each update moves the probability toward the bit by 1/(n + 1.5), so a
/// fresh context learns fast and a seen one settles, down to 1/(Limit + 1.5). Integer arithmetic only.
/// </summary>
public struct AdaptiveMap
{
    private static readonly int[] Reciprocal = BuildReciprocal();

    private readonly uint[] _entries;
    private readonly int _limit;

    /// <param name="contexts">How many contexts.</param>
    /// <param name="limit">The count at which the rate stops falling (1..1023).</param>
    public AdaptiveMap(int contexts, int limit = 1023)
    {
        _entries = new uint[contexts];
        _limit = limit;
        _entries.AsSpan().Fill(1u << 31);
    }

    // How many bits a state's prior counts as: enough that the first few updates do not erase it (1 to 40 measured:
    // 16 best, Max −189 bytes on the corpus, −65 on five files outside it).
    private const uint PriorCount = 16;

    /// <summary>
    /// A map over bit-history states (<see cref="BitHistory"/>), each starting at the probability its counts suggest
    /// rather than at 1/2, as if it had seen <see cref="PriorCount"/> bits.
    /// </summary>
    public static AdaptiveMap OverStates()
    {
        var map = new AdaptiveMap(256, 1023);
        for (int s = 0; s < BitHistory.Count; s++) map._entries[s] = Math.Min(BitHistory.Prior[s], (1u << 22) - 1) << 10 | PriorCount;
        return map;
    }

    public readonly long AllocatedBytes => _entries.Length * 4L;

    /// <summary>The 12-bit probability that the next bit in <paramref name="context"/> is 1.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public readonly int P(int context) => (int)(_entries[context] >> 20);

    /// <summary>Learns <paramref name="bit"/> in <paramref name="context"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public readonly void Update(int context, int bit)
    {
        ref uint entry = ref _entries[context];
        uint e = entry;
        int n = (int)(e & 1023);
        int p = (int)(e >> 10);
        p += (int)((((long)bit << 22) - p) * Reciprocal[n] >> 16);
        if (n < _limit) n++;
        entry = ((uint)p << 10) | (uint)n;
    }

    /// <summary>Asks the cache for <paramref name="context"/>'s entry, which will be read soon (a hint: nothing changes).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public readonly unsafe void Prefetch(int context)
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported) System.Runtime.Intrinsics.X86.Sse.Prefetch0(System.Runtime.CompilerServices.Unsafe.AsPointer(ref _entries[context]));
    }

    private static int[] BuildReciprocal()
    {
        var r = new int[1024];
        for (int n = 0; n < r.Length; n++) r[n] = (int)(65536L * 2 / (2 * n + 3));
        return r;
    }
}
