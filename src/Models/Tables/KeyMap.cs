using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Midicoth.Models.Tables;

/// <summary>
/// An open-addressing hash map from a non-zero 64-bit context key to an int, with linear probing over
/// power-of-two capacity. It replaces the reference's many tables of fat entries: only key equality matters to
/// the output, so slot layout and growth policy are ours (grow at 3/4 load, Fibonacci hashing of the key).
/// Key and value share a packed 12-byte slot, so a lookup nearly always touches a single cache line.
/// </summary>
public sealed class KeyMap
{
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential, Pack = 4)]
    private struct Slot
    {
        public ulong Key;
        public int Value;
    }

    private Slot[] _slots;
    private int _shift;
    private int _mask;

    public KeyMap(int initialCapacity = 1024)
    {
        int capacity = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, initialCapacity));
        _slots = new Slot[capacity];
        _mask = capacity - 1;
        _shift = 64 - System.Numerics.BitOperations.Log2((uint)capacity);
    }

    /// <summary>Number of keys stored.</summary>
    public int Count { get; private set; }

    /// <summary>Bytes held by the slot array.</summary>
    public long AllocatedBytes => _slots.Length * 12L;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int SlotOf(ulong key) => SlotOf(key, _shift);

    /// <summary>Fibonacci hashing: the top bits of key × 2^64/φ pick one of 2^(64−shift) slots.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int SlotOf(ulong key, int shift) => (int)((key * 0x9E3779B97F4A7C15UL) >> shift);

    /// <summary>
    /// Asks the CPU to start loading the slot of <paramref name="key"/>. Issuing the prefetches of all of a byte's
    /// contexts before using any lets their cache misses overlap instead of waiting one after another.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void Prefetch(ulong key)
    {
        if (Sse.IsSupported)
        {
            // A stale address after the array moves is harmless: a prefetch never faults and changes no state.
            Sse.Prefetch0(Unsafe.AsPointer(ref _slots[SlotOf(key)]));
        }
    }

    /// <summary>Looks <paramref name="key"/> up without inserting it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetValue(ulong key, out int value)
    {
        Slot[] slots = _slots;
        int slot = SlotOf(key);
        while (true)
        {
            ref Slot s = ref slots[slot];
            if (s.Key == key) { value = s.Value; return true; }
            if (s.Key == 0) { value = 0; return false; }
            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>A reference to the value for <paramref name="key"/>, inserting 0 when absent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref int GetOrAdd(ulong key, out bool added)
    {
        if (Count >= (_slots.Length >> 2) * 3) Grow();
        Slot[] slots = _slots;
        int slot = SlotOf(key);
        while (true)
        {
            ref Slot s = ref slots[slot];
            if (s.Key == key) { added = false; return ref s.Value; }
            if (s.Key == 0)
            {
                s.Key = key;
                s.Value = 0;
                Count++;
                added = true;
                return ref s.Value;
            }
            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>Stores <paramref name="value"/> for <paramref name="key"/>, replacing any earlier value.</summary>
    public void Set(ulong key, int value) => GetOrAdd(key, out _) = value;

    private void Grow()
    {
        Slot[] old = _slots;
        int capacity = old.Length * 2;
        _slots = new Slot[capacity];
        _mask = capacity - 1;
        _shift--;
        foreach (Slot s in old)
        {
            if (s.Key == 0) continue;
            int slot = SlotOf(s.Key);
            while (_slots[slot].Key != 0) slot = (slot + 1) & _mask;
            _slots[slot] = s;
        }
        TableMemory.Released(old.Length * 12L);
    }
}
