namespace Midicoth.Models.BitPredictors;

/// <summary>
/// Indirect context map (<c>indirect:ORDER-BITS</c>): a table remembers, for each context of the last ORDER bytes
/// (1 or 2), the two bytes that followed it the last times; the context of the next bit is that byte history
/// together with the last byte, hashed into a <see cref="SlotTable"/> of 2^BITS bytes. So "what came after this
/// context before" predicts, even where the exact context of higher order was never seen (paq8's indirect model).
/// One mixer input.
/// </summary>
public struct IndirectContextStage : IBitPredictor
{
    public const int Inputs = ContextCursor.Inputs;

    private readonly SlotTable _table;
    private readonly AdaptiveMap _states;
    private readonly ushort[] _history;   // per context of ORDER bytes: the two bytes that followed it last
    private readonly int _order;
    private ContextCursor _cursor;

    /// <param name="order">The bytes that key the history, 1..2.</param>
    /// <param name="bits">log2 of the table's size in bytes.</param>
    /// <param name="inputLength">The block's length (sizes the table down for short blocks).</param>
    public IndirectContextStage(int order, int bits, long inputLength = long.MaxValue)
    {
        StageCatalog.Indirect.Require(order, bits);
        _order = order;
        _history = new ushort[1 << (8 * order)];
        _table = new SlotTable(TableSize.For(bits, inputLength, 16));
        _states = AdaptiveMap.OverStates();
        _cursor = new ContextCursor(ContextHashing.Of(0, 0, 300u + (uint)order));
    }

    public readonly int InputCount => Inputs;

    public readonly long AllocatedBytes => _table.AllocatedBytes + _states.AllocatedBytes + _history.Length * 2L;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Predict(ref BitContext context, ref int inputs) => _cursor.Predict(_table, context, ref inputs, _states);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Update(ref BitContext context, int bit) => _cursor.Update(_table, bit, context.BitCount, _states);

    public void EndByte(ref BitContext context)
    {
        int mask = _history.Length - 1;
        int before = (int)(context.Last8 >> 8) & mask;   // the context the new byte followed
        ref ushort seen = ref _history[before];
        seen = (ushort)((seen << 8) | context.LastByte);
        int now = (int)context.Last8 & mask;
        _cursor.EndByte(_table, ContextHashing.Of(_history[now], (ulong)now, 300u + (uint)_order));
    }
}
