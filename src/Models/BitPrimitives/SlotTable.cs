using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Midicoth.Models.BitPrimitives;

/// <summary>
/// The hash table behind context maps. A slot is 16 bytes and serves one context for one nibble: a check byte
/// (8 more bits of the hash, to tell contexts apart) and the 15 bit histories of the nibble's binary tree
/// (node 1 for the first bit, 2-3 for the second, 4-7, 8-15). Four slots form a 64-byte line, aligned to the
/// cache (the table is <see cref="HugePageMemory"/>, so lookups do not miss the TLB as well); a context looks in its
/// line only, so each lookup touches one cache line (which <see cref="Prefetch"/> can ask for early). When none of
/// the four holds the context, the slot whose first bit has been seen least often is replaced (an unclaimed slot
/// before a claimed one that has not learned yet).
/// </summary>
public sealed unsafe class SlotTable
{
    private readonly HugePageMemory _memory;
    private readonly byte* _table;
    private readonly int _lineMask;  // lines - 1

    /// <param name="bytes">Table size in bytes, a power of two of at least 64.</param>
    public SlotTable(long bytes)
    {
        if (bytes < 64 || (bytes & (bytes - 1)) != 0 || bytes > 1L << 30) throw new ArgumentOutOfRangeException(nameof(bytes));
        _memory = new HugePageMemory(bytes);
        _table = _memory.Pointer;
        _lineMask = (int)(bytes / 64) - 1;
    }

    public long AllocatedBytes => _memory.Length;

    /// <summary>The byte at <paramref name="offset"/> (a slot's offset plus a node, 1..15).</summary>
    public byte this[int offset]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _table[offset];
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        set => _table[offset] = value;
    }

    /// <summary>
    /// The offset of the slot for <paramref name="hash"/>: found, or claimed (zeroed, with the check byte set) in
    /// the hash's line.
    /// </summary>
    public int Find(uint hash)
    {
        byte check = (byte)(hash >> 24);
        int line = (int)(hash & (uint)_lineMask) * 64;
        byte* t = _table + line;
        if (t[0] == check) return line;
        if (t[16] == check) return line + 16;
        if (t[32] == check) return line + 32;
        if (t[48] == check) return line + 48;
        // Replace the least used of the four (by the first node's confidence; an unclaimed slot before a claimed
        // one that has not learned yet), the first on ties.
        int victim = 0;
        int least = Priority(t);
        for (int i = 16; i < 64; i += 16)
        {
            int priority = Priority(t + i);
            if (priority < least) { least = priority; victim = i; }
        }
        Unsafe.InitBlock(t + victim, 0, 16);
        t[victim] = check;
        GC.KeepAlive(this);
        return line + victim;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static int Priority(byte* slot) => BitHistory.Total[slot[1]] * 2 + (slot[0] != 0 ? 1 : 0);

    /// <summary>
    /// Asks the processor to bring the line of <paramref name="hash"/> into the cache (no effect on results; none
    /// without SSE, e.g. with hardware intrinsics disabled).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(uint hash)
    {
        if (Sse.IsSupported) Sse.Prefetch0(_table + (int)(hash & (uint)_lineMask) * 64);
    }
}
