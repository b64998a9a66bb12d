using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Midicoth.Models.BitStages;

/// <summary>
/// The hash table behind context maps. A slot is 16 bytes and serves one context for one nibble: a check byte
/// (8 more bits of the hash, to tell contexts apart) and the 15 bit histories of the nibble's binary tree
/// (node 1 for the first bit, 2-3 for the second, 4-7, 8-15). Four slots form a 64-byte line, aligned to the
/// cache; a context looks in its line only, so each lookup touches one cache line. When none of the four
/// holds the context, the slot whose first bit has been seen least often is replaced. Each slot also has two
/// bytes of run information (the last byte seen in the context and how often in a row), used by the first
/// nibble's slot only.
/// </summary>
public sealed class SlotTable
{
    private readonly byte[] _table;
    private readonly int _base;      // offset of the first 64-byte aligned byte in _table
    private readonly int _lineMask;  // lines - 1
    private readonly byte[] _runs;

    /// <param name="bytes">Table size in bytes, a power of two of at least 64.</param>
    public SlotTable(long bytes)
    {
        if (bytes < 64 || (bytes & (bytes - 1)) != 0 || bytes > 1L << 30) throw new ArgumentOutOfRangeException(nameof(bytes));
        // Pinned, so that its address (and hence the alignment of its lines) never moves.
        _table = GC.AllocateArray<byte>((int)bytes + 64, pinned: true);
        _base = (int)((64 - (Marshal.UnsafeAddrOfPinnedArrayElement(_table, 0).ToInt64() & 63)) & 63);
        _lineMask = (int)(bytes / 64) - 1;
        _runs = new byte[bytes / 8];
    }

    public long AllocatedBytes => _table.Length + (long)_runs.Length;

    /// <summary>The byte array the slot offsets index.</summary>
    public byte[] Bytes => _table;

    /// <summary>The run bytes: [slot / 8] the last byte seen, [slot / 8 + 1] the run length.</summary>
    public byte[] Runs => _runs;

    /// <summary>
    /// The offset in <see cref="Bytes"/> of the slot for <paramref name="hash"/>: found, or claimed (zeroed, with
    /// the check byte set) in the hash's line. Offsets are relative to the array; the run bytes of a slot are at
    /// <c>(offset - base) / 8</c>, see <see cref="RunOffset"/>.
    /// </summary>
    public int Find(uint hash)
    {
        byte check = (byte)(hash >> 24);
        int line = _base + (int)(hash & (uint)_lineMask) * 64;
        ref byte t = ref MemoryMarshal.GetArrayDataReference(_table);
        for (int i = 0; i < 4; i++)
        {
            if (Unsafe.Add(ref t, line + i * 16) == check) return line + i * 16;
        }
        // Replace the least used of the four (by the first node's confidence), the first on ties.
        int victim = line;
        int least = BitHistory.Total[Unsafe.Add(ref t, line + 1)];
        for (int i = 1; i < 4; i++)
        {
            int total = BitHistory.Total[Unsafe.Add(ref t, line + i * 16 + 1)];
            if (total < least) { least = total; victim = line + i * 16; }
        }
        Unsafe.InitBlock(ref Unsafe.Add(ref t, victim), 0, 16);
        Unsafe.Add(ref t, victim) = check;
        int run = RunOffset(victim);
        _runs[run] = 0;
        _runs[run + 1] = 0;
        return victim;
    }

    /// <summary>Where the two run bytes of the slot at <paramref name="slot"/> are in <see cref="Runs"/>.</summary>
    public int RunOffset(int slot) => (slot - _base) >> 3;
}
