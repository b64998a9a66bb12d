using System.Runtime.CompilerServices;

namespace Midicoth.Models;

/// <summary>
/// An open-addressing hash map from a non-zero 64-bit context key to an int, with linear probing over
/// power-of-two capacity. It replaces the reference's many tables of fat entries: only key equality matters to
/// the output, so slot layout and growth policy are ours (grow at 3/4 load, Fibonacci hashing of the key).
/// </summary>
public sealed class KeyMap
{
    private ulong[] _keys;
    private int[] _values;
    private int _shift;
    private int _mask;

    public KeyMap(int initialCapacity = 1024)
    {
        int capacity = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, initialCapacity));
        _keys = new ulong[capacity];
        _values = new int[capacity];
        _mask = capacity - 1;
        _shift = 64 - System.Numerics.BitOperations.Log2((uint)capacity);
    }

    /// <summary>Number of keys stored.</summary>
    public int Count { get; private set; }

    /// <summary>Bytes held by the slot arrays.</summary>
    public long AllocatedBytes => _keys.Length * (long)(sizeof(ulong) + sizeof(int));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int SlotOf(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> _shift);

    /// <summary>Looks <paramref name="key"/> up without inserting it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetValue(ulong key, out int value)
    {
        ulong[] keys = _keys;
        int slot = SlotOf(key);
        while (true)
        {
            ulong k = keys[slot];
            if (k == key) { value = _values[slot]; return true; }
            if (k == 0) { value = 0; return false; }
            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>A reference to the value for <paramref name="key"/>, inserting 0 when absent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref int GetOrAdd(ulong key, out bool added)
    {
        if (Count >= (_keys.Length >> 2) * 3) Grow();
        ulong[] keys = _keys;
        int slot = SlotOf(key);
        while (true)
        {
            ulong k = keys[slot];
            if (k == key) { added = false; return ref _values[slot]; }
            if (k == 0)
            {
                keys[slot] = key;
                _values[slot] = 0;
                Count++;
                added = true;
                return ref _values[slot];
            }
            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>Stores <paramref name="value"/> for <paramref name="key"/>, replacing any earlier value.</summary>
    public void Set(ulong key, int value) => GetOrAdd(key, out _) = value;

    private void Grow()
    {
        ulong[] oldKeys = _keys;
        int[] oldValues = _values;
        int capacity = oldKeys.Length * 2;
        _keys = new ulong[capacity];
        _values = new int[capacity];
        _mask = capacity - 1;
        _shift--;
        for (int i = 0; i < oldKeys.Length; i++)
        {
            ulong key = oldKeys[i];
            if (key == 0) continue;
            int slot = SlotOf(key);
            while (_keys[slot] != 0) slot = (slot + 1) & _mask;
            _keys[slot] = key;
            _values[slot] = oldValues[i];
        }
    }
}
