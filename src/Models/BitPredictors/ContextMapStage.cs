namespace Midicoth.Models.BitPredictors;

/// <summary>
/// Context map of order N (<c>ctx:ORDER-BITS</c>): the last N bytes (0..16) hashed into a <see cref="SlotTable"/>
/// of 2^BITS bytes, one bit history per node of each nibble, turned into a probability by an adaptive map over the
/// states (see <see cref="ContextCursor"/>). One mixer input.
/// </summary>
public struct ContextMapStage : IBitPredictor
{
    public const int Inputs = ContextCursor.Inputs;

    private readonly SlotTable _table;
    private readonly AdaptiveMap _states;
    private readonly int _order;
    private ContextCursor _cursor;

    /// <param name="order">Bytes of context, 0..16.</param>
    /// <param name="bits">log2 of the table's size in bytes.</param>
    /// <param name="inputLength">The block's length (sizes the table down for short blocks).</param>
    public ContextMapStage(int order, int bits, long inputLength = long.MaxValue)
    {
        StageCatalog.Context.Require(order, bits);
        _order = order;
        _table = new SlotTable(TableSize.For(bits, inputLength, 16));
        _states = AdaptiveMap.OverStates();
        _cursor = new ContextCursor(ContextHashing.OfOrder(default, order, (uint)order));
    }

    public readonly int InputCount => Inputs;

    public readonly long AllocatedBytes => _table.AllocatedBytes + _states.AllocatedBytes;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Predict(ref BitContext context, ref int inputs)
    {
        _cursor.Predict(_table, context, ref inputs, _states);
        // Counted for mixer2's selector, without a branch on the state (whether a node is new is not predictable).
        if (context.CountKnown) context.Known += (int)((uint)-_cursor.State >> 31);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Update(ref BitContext context, int bit) => _cursor.Update(_table, bit, context.BitCount, _states);

    public void EndByte(ref BitContext context) =>
        _cursor.EndByte(_table, ContextHashing.OfOrder(context, _order, (uint)_order));
}
