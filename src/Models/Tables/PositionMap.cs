using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Midicoth.Models.Tables;

/// <summary>
/// The match model's table for one context length L: context key → the latest position that followed it.
/// A slot is 6 bytes: 16 bits of the key as a quick check and the position. The full 64-bit key is not stored:
/// it is the hash of the L history bytes before the stored position, so a check match is confirmed by hashing
/// them again. Key equality is therefore exact, as in the reference, at half the memory of a keyed slot; the
/// check makes a re-hash of a wrong entry rare (1 in 65,536).
/// </summary>
public sealed class PositionMap
{
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential, Pack = 2)]
    private struct Slot
    {
        public ushort Check;
        public int PositionPlusOne; // 0 marks an empty slot
    }

    private readonly int _length;
    private Slot[] _slots;
    private int _shift;
    private int _mask;
    private int _count;

    public PositionMap(int contextLength, int initialCapacity = 4096)
    {
        _length = contextLength;
        int capacity = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, initialCapacity));
        _slots = new Slot[capacity];
        _mask = capacity - 1;
        _shift = 64 - System.Numerics.BitOperations.Log2((uint)capacity);
    }

    public long AllocatedBytes => _slots.Length * 6L;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int SlotOf(ulong key) => KeyMap.SlotOf(key, _shift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ushort CheckOf(ulong key) => (ushort)key;

    /// <summary>Starts loading the slot of <paramref name="key"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void Prefetch(ulong key)
    {
        if (Sse.IsSupported) Sse.Prefetch0(Unsafe.AsPointer(ref _slots[SlotOf(key)]));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsKeyAt(ulong key, ReadOnlySpan<byte> history, int position) =>
        ContextHash.Of(history.Slice(position - _length, _length)) == key;

    /// <summary>The position stored for <paramref name="key"/> (the key of the last L bytes of some history prefix).</summary>
    public bool TryGetValue(ulong key, ReadOnlySpan<byte> history, out int position)
    {
        ushort check = CheckOf(key);
        int slot = SlotOf(key);
        while (true)
        {
            Slot s = _slots[slot];
            if (s.PositionPlusOne == 0) { position = 0; return false; }
            if (s.Check == check && IsKeyAt(key, history, s.PositionPlusOne - 1))
            {
                position = s.PositionPlusOne - 1;
                return true;
            }
            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>Stores <paramref name="position"/> for <paramref name="key"/>, replacing an earlier one.</summary>
    public void Set(ulong key, ReadOnlySpan<byte> history, int position)
    {
        if (_count >= (_slots.Length >> 2) * 3) Grow(history);
        ushort check = CheckOf(key);
        int slot = SlotOf(key);
        while (true)
        {
            ref Slot s = ref _slots[slot];
            if (s.PositionPlusOne == 0)
            {
                s.Check = check;
                s.PositionPlusOne = position + 1;
                _count++;
                return;
            }
            if (s.Check == check && IsKeyAt(key, history, s.PositionPlusOne - 1))
            {
                s.PositionPlusOne = position + 1;
                return;
            }
            slot = (slot + 1) & _mask;
        }
    }

    private void Grow(ReadOnlySpan<byte> history)
    {
        Slot[] old = _slots;
        int capacity = old.Length * 2;
        _slots = new Slot[capacity];
        _mask = capacity - 1;
        _shift--;
        foreach (Slot s in old)
        {
            if (s.PositionPlusOne == 0) continue;
            int position = s.PositionPlusOne - 1;
            int slot = SlotOf(ContextHash.Of(history.Slice(position - _length, _length)));
            while (_slots[slot].PositionPlusOne != 0) slot = (slot + 1) & _mask;
            _slots[slot] = s;
        }
        TableMemory.Released(old.Length * 6L);
    }
}
