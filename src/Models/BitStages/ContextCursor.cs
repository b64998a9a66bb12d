using System.Runtime.CompilerServices;

namespace Midicoth.Models.BitStages;

/// <summary>
/// One hashed context inside a context map, followed bit by bit. At a byte's start it finds the slot of the
/// first nibble (and that slot's run: the last byte seen in this context and how often in a row); after four
/// bits, the slot of the second nibble. Each bit it gives the mixer two inputs: the stretched probability of
/// its bit history (through an <see cref="AdaptiveMap"/> over the 256 states), and, while the bits so far agree
/// with the run's byte, the stretched probability that the run continues (learned per run length and
/// expected bit), else 0.
/// </summary>
public struct ContextCursor
{
    /// <summary>Mixer inputs per context.</summary>
    public const int Inputs = 2;

    private uint _byteHash;
    private int _slot;
    private int _firstSlot;
    private int _node;
    private int _state;
    private int _runContext;

    public ContextCursor(uint byteHash) => _byteHash = byteHash;

    /// <summary>Writes this context's two inputs at <paramref name="inputs"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Predict(SlotTable table, in BitContext context, ref int inputs, in AdaptiveMap states, in AdaptiveMap runs)
    {
        byte[] bytes = table.Bytes;
        if (context.BitCount == 0)
        {
            _slot = _firstSlot = table.Find(_byteHash);
            _node = 1;
        }
        else if (context.BitCount == 4)
        {
            _slot = table.Find(ContextHashing.OfNibble(_byteHash, context.C0 & 15));
            _node = 1;
        }
        _state = bytes[_slot + _node];
        inputs = Logistic.Stretch(states.P(_state));

        int run = table.RunOffset(_firstSlot);
        int runLength = table.Runs[run + 1];
        int runByte = table.Runs[run];
        if (runLength > 0 && ((runByte | 256) >> (8 - context.BitCount)) == context.C0)
        {
            int expected = (runByte >> (7 - context.BitCount)) & 1;
            _runContext = Math.Min(runLength, 15) * 2 + expected;
            Unsafe.Add(ref inputs, 1) = Logistic.Stretch(runs.P(_runContext));
        }
        else
        {
            _runContext = -1;
            Unsafe.Add(ref inputs, 1) = 0;
        }
    }

    /// <summary>Learns <paramref name="bit"/>: the history in the slot, the state's and the run's probabilities.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Update(SlotTable table, int bit, in AdaptiveMap states, in AdaptiveMap runs)
    {
        table.Bytes[_slot + _node] = (byte)BitHistory.Update(_state, bit);
        states.Update(_state, bit);
        if (_runContext >= 0) runs.Update(_runContext, bit);
        _node = _node * 2 + bit;
    }

    /// <summary>At a byte's end: records <paramref name="c"/> in the run and moves to the next byte's context.</summary>
    public void EndByte(SlotTable table, int c, uint nextHash)
    {
        int run = table.RunOffset(_firstSlot);
        byte[] runs = table.Runs;
        if (runs[run + 1] > 0 && runs[run] == c)
        {
            if (runs[run + 1] < 255) runs[run + 1]++;
        }
        else
        {
            runs[run] = (byte)c;
            runs[run + 1] = 1;
        }
        _byteHash = nextHash;
    }
}
