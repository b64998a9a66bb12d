namespace Midicoth.Models.BitPredictors;

/// <summary>
/// Word contexts (<c>words:BITS</c>): two contexts in one <see cref="SlotTable"/> of 2^BITS bytes, the word being
/// read with the byte before it (between words: that byte, an order-1 context), and the word being read with the
/// word before it (letters case-folded; bytes of 128 and up count as letters, for UTF-8 text). Two mixer inputs.
/// </summary>
public struct WordStage : IBitPredictor
{
    public const int Inputs = StageCatalog.WordsInputs;

    private const uint SaltWord = 101, SaltPair = 102;

    private readonly SlotTable _table;
    private readonly AdaptiveMap _wordStates;
    private readonly AdaptiveMap _pairStates;
    private ContextCursor _word;
    private ContextCursor _pair;

    public WordStage(int bits, long inputLength = long.MaxValue)
    {
        StageCatalog.Words.Require(bits);
        _table = new SlotTable(TableSize.For(bits, inputLength, 32));
        _wordStates = AdaptiveMap.OverStates();
        _pairStates = AdaptiveMap.OverStates();
        _word = new ContextCursor(ContextHashing.Of(0, 0, SaltWord));
        _pair = new ContextCursor(ContextHashing.Of(0, 0, SaltPair));
    }

    public readonly int InputCount => Inputs;

    public readonly long AllocatedBytes => _table.AllocatedBytes + 2 * _wordStates.AllocatedBytes;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Predict(ref BitContext context, ref int inputs)
    {
        _word.Predict(_table, context, ref inputs, _wordStates);
        _pair.Predict(_table, context, ref System.Runtime.CompilerServices.Unsafe.Add(ref inputs, ContextCursor.Inputs), _pairStates);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Update(ref BitContext context, int bit)
    {
        _word.Update(_table, bit, context.BitCount, _wordStates);
        _pair.Update(_table, bit, context.BitCount, _pairStates);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void EndByte(ref BitContext context)
    {
        _word.EndByte(_table, ContextHashing.Of(context.Word, (ulong)context.LastByte, SaltWord));
        _pair.EndByte(_table, ContextHashing.Of(context.Word, context.PreviousWord, SaltPair));
    }
}
