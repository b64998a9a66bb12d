namespace Midicoth.Models.BitPredictors;

/// <summary>
/// More word contexts for text (<c>text:BITS</c>), beside <see cref="WordStage"/>'s: the current word with the two
/// words before it; the current word with the word before the previous one (skipping one, as in "of the ... of");
/// and the previous word with the bytes since it (what follows a word, across the punctuation and spaces after
/// it). Three contexts in one table of 2^BITS bytes (<see cref="CursorBank"/>); words as <see cref="BitContext"/>
/// hashes them (letters case-folded, bytes of 128 and up count as letters). Three mixer inputs.
/// </summary>
public struct TextStage : IBitPredictor
{
    public const int Inputs = StageCatalog.TextInputs;

    private const uint Salt = 501;

    private CursorBank _bank;

    public TextStage(int bits, long inputLength = long.MaxValue)
    {
        StageCatalog.Text.Require(bits);
        _bank = new CursorBank(Inputs, TableSize.For(bits, inputLength, 48), Salt);
    }

    public readonly int InputCount => Inputs;

    public readonly long AllocatedBytes => _bank.AllocatedBytes;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Predict(ref BitContext context, ref int inputs) => _bank.Predict(context, ref inputs);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Update(ref BitContext context, int bit) => _bank.Update(bit, context.BitCount);

    public void EndByte(ref BitContext context)
    {
        _bank.EndByte(0, ContextHashing.Of(context.Word, (ulong)context.PreviousWord << 32 | context.WordBeforePrevious, Salt));
        _bank.EndByte(1, ContextHashing.Of(context.Word, context.WordBeforePrevious, Salt + 1));
        // Between words: the previous word and the bytes since it; inside a word: the word so far and the previous.
        ulong since = context.Word == 0 ? context.Last8 & 0xFFFF : 0;
        _bank.EndByte(2, ContextHashing.Of(context.PreviousWord + (context.Word == 0 ? 0 : context.Word * 31u), since, Salt + 2));
    }
}
