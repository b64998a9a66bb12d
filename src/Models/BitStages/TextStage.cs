namespace Midicoth.Models.BitStages;

/// <summary>
/// More word contexts for text (<c>text:BITS</c>), beside <see cref="WordStage"/>'s: the current word with the two
/// words before it; the current word with the word before the previous one (skipping one, as in "of the ... of");
/// and the previous word with the bytes since it (what follows a word, across the punctuation and spaces after
/// it). Four... three contexts in one <see cref="SlotTable"/> of 2^BITS bytes; words as <see cref="BitContext"/>
/// hashes them (letters case-folded, bytes of 128 and up count as letters). Three mixer inputs.
/// </summary>
public struct TextStage : IBitPredictor
{
    public const int Inputs = 3 * ContextCursor.Inputs;

    private readonly SlotTable _table;
    private readonly AdaptiveMap _states0;
    private readonly AdaptiveMap _states1;
    private readonly AdaptiveMap _states2;
    private ContextCursor _three;
    private ContextCursor _skip;
    private ContextCursor _after;

    public TextStage(int bits, long inputLength = long.MaxValue)
    {
        StageCatalog.Text.Require(bits);
        _table = new SlotTable(TableSize.For(bits, inputLength, 48));
        _states0 = new AdaptiveMap(256, 1023);
        _states1 = new AdaptiveMap(256, 1023);
        _states2 = new AdaptiveMap(256, 1023);
        _three = new ContextCursor(ContextHashing.Of(0, 0, 501));
        _skip = new ContextCursor(ContextHashing.Of(0, 0, 502));
        _after = new ContextCursor(ContextHashing.Of(0, 0, 503));
    }

    public readonly int InputCount => Inputs;

    public readonly long AllocatedBytes => _table.AllocatedBytes + 3 * _states0.AllocatedBytes;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Predict(ref BitContext context, ref int inputs)
    {
        _three.Predict(_table, context, ref inputs, _states0);
        _skip.Predict(_table, context, ref System.Runtime.CompilerServices.Unsafe.Add(ref inputs, 1), _states1);
        _after.Predict(_table, context, ref System.Runtime.CompilerServices.Unsafe.Add(ref inputs, 2), _states2);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Update(ref BitContext context, int bit)
    {
        _three.Update(_table, bit, context.BitCount, _states0);
        _skip.Update(_table, bit, context.BitCount, _states1);
        _after.Update(_table, bit, context.BitCount, _states2);
    }

    public void EndByte(ref BitContext context)
    {
        _three.EndByte(_table, ContextHashing.Of(context.Word, (ulong)context.PreviousWord << 32 | context.WordBeforePrevious, 501));
        _skip.EndByte(_table, ContextHashing.Of(context.Word, context.WordBeforePrevious, 502));
        // Between words: the previous word and the bytes since it; inside a word: the word so far and the previous.
        ulong since = context.Word == 0 ? context.Last8 & 0xFFFF : 0;
        _after.EndByte(_table, ContextHashing.Of(context.PreviousWord + (context.Word == 0 ? 0 : context.Word * 31u), since, 503));
    }
}
