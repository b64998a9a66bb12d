namespace Midicoth.Models.BitPredictors;

/// <summary>
/// Sparse context map (<c>sparse:SKIP-ORDER-BITS</c>): ORDER bytes of context taken after skipping the last SKIP
/// bytes (sparse:1-1 is the byte before the last one alone), hashed into a <see cref="SlotTable"/> of 2^BITS bytes
/// like <see cref="ContextMapStage"/>. A context that skips the nearest bytes sees structure in binary data with
/// fixed-size fields (tables, images, machine code) that the contiguous orders miss. One mixer input.
/// </summary>
public struct SparseContextStage : IBitPredictor
{
    public const int Inputs = ContextCursor.Inputs;

    private readonly SlotTable _table;
    private readonly AdaptiveMap _states;
    private readonly int _skip;
    private readonly ulong _mask;
    private ContextCursor _cursor;

    /// <param name="skip">The latest bytes left out, 1..8.</param>
    /// <param name="order">The bytes of context after them, 1..4.</param>
    /// <param name="bits">log2 of the table's size in bytes.</param>
    /// <param name="inputLength">The block's length (sizes the table down for short blocks).</param>
    public SparseContextStage(int skip, int order, int bits, long inputLength = long.MaxValue)
    {
        StageCatalog.Sparse.Require(skip, order, bits);
        _skip = skip;
        _mask = (1UL << (8 * order)) - 1;
        _table = new SlotTable(TableSize.For(bits, inputLength, 16));
        _states = AdaptiveMap.OverStates();
        _cursor = new ContextCursor(Hash(0));
    }

    public readonly int InputCount => Inputs;

    public readonly long AllocatedBytes => _table.AllocatedBytes + _states.AllocatedBytes;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Predict(ref BitContext context, ref int inputs) => _cursor.Predict(_table, context, ref inputs, _states);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Update(ref BitContext context, int bit) => _cursor.Update(_table, bit, context.BitCount, _states);

    public void EndByte(ref BitContext context) => _cursor.EndByte(_table, Hash(context.Last8));

    private readonly uint Hash(ulong last8) => ContextHashing.Of((last8 >> (8 * _skip)) & _mask, _mask, 200u + (uint)_skip);
}
