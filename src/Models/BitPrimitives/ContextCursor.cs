using System.Runtime.CompilerServices;

namespace Midicoth.Models.BitPrimitives;

/// <summary>
/// One hashed context inside a context map, followed bit by bit. At a byte's start it finds the slot of the first
/// nibble, after four bits the slot of the second; each bit it gives the mixer the stretched probability of the
/// node's bit history (through an <see cref="AdaptiveMap"/> over the states). The slot it will need next is
/// prefetched early (at the end of the byte before; for the second nibble, both candidates after the third bit), so that the
/// cache misses of all contexts overlap instead of following one another.
/// <para>
/// Measured and left out: lpaq's run input (the last byte seen in the context and its repeat count) made the
/// corpus 0.4% larger here, and cost a cache miss per context and byte.
/// </para>
/// </summary>
public struct ContextCursor
{
    /// <summary>Mixer inputs per context.</summary>
    public const int Inputs = StageCatalog.ContextInputs;

    private uint _byteHash;
    private uint _nibbleHash;
    private int _slot;
    private int _node;
    private int _state;

    public ContextCursor(uint byteHash) => _byteHash = byteHash;

    /// <summary>The bit history of the node being predicted (0: never seen).</summary>
    public readonly int State => _state;

    /// <summary>Writes this context's input at <paramref name="input"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Predict(SlotTable table, in BitContext context, ref int input, in AdaptiveMap states)
    {
        if (context.BitCount == 0)
        {
            _slot = table.Find(_byteHash);
            _node = 1;
        }
        else if (context.BitCount == 4)
        {
            _slot = table.Find(_nibbleHash);
            _node = 1;
        }
        _state = table[_slot + _node];
        input = Logistic.Stretch(states.P(_state));
    }

    /// <summary>Learns <paramref name="bit"/> (the <paramref name="bitCount"/>-th of its byte, from 0): the history in the slot and the state's probability.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Update(SlotTable table, int bit, int bitCount, in AdaptiveMap states)
    {
        table[_slot + _node] = (byte)BitHistory.Update(_state, bit);
        states.Update(_state, bit);
        _node = _node * 2 + bit;
        if (bitCount == 2)
        {
            // One bit before the second nibble's slot is needed: ask for both lines it can be in.
            table.Prefetch(ContextHashing.OfNibble(_byteHash, (_node & 7) * 2));
            table.Prefetch(ContextHashing.OfNibble(_byteHash, (_node & 7) * 2 + 1));
        }
        else if (bitCount == 3)
        {
            _nibbleHash = ContextHashing.OfNibble(_byteHash, _node & 15);
        }
    }

    /// <summary>At a byte's end: moves to the next byte's context.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EndByte(SlotTable table, uint nextHash)
    {
        _byteHash = nextHash;
        table.Prefetch(nextHash);
    }
}
