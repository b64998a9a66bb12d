using System.Runtime.CompilerServices;

namespace Midicoth.Models.BitPredictors;

/// <summary>
/// Direct context map of order N (<c>direct:ORDER</c>, N = 0..2): the last N bytes index a table of bit histories
/// directly, one per node of each of their bytes' binary trees: no hashing, no check bytes, no slots to find or
/// replace, so no collisions, and per bit only one table read and one write. The price is a table of
/// 272 × 256^N bytes whatever the input (order 2: 17 MiB), which is why it stops at order 2.
/// <para>
/// Layout: a context's 272 bytes are 17 groups of 16, one per nibble tree (group 0 for the first nibble, group 1 + h
/// for the second after high nibble h), node 1..15 in each, so that each nibble reads one 16-byte group, as the
/// slots of a <see cref="ContextMapStage"/> do. <see cref="NodeOffset"/> maps the bits so far to that place.
/// </para>
/// </summary>
public unsafe struct DirectContextStage : IBitPredictor
{
    public const int Inputs = StageCatalog.DirectInputs;

    /// <summary>Bytes of table per context of N bytes: 17 nibble trees of 16.</summary>
    public const int BytesPerContext = StageCatalog.DirectBytesPerContext;

    /// <summary>[c0]: where the node of the bits so far (behind their leading 1) lies in a context's 272 bytes.</summary>
    private static ReadOnlySpan<short> NodeOffset => NodeOffsets.Table;

    private readonly HugePageMemory _memory;
    private readonly byte* _table;
    private readonly AdaptiveMap _states;
    private readonly int _order;
    private byte* _context;
    private byte* _node;
    private int _state;

    /// <param name="order">Bytes of context, 0..2.</param>
    /// <param name="inputLength">Unused: the table's size follows from the order alone (taken like every bit predictor's).</param>
    public DirectContextStage(int order, long inputLength = long.MaxValue)
    {
        StageCatalog.Direct.Require(order);
        _order = order;
        _memory = new HugePageMemory(TableBytes(order));
        _table = _memory.Pointer;
        _states = new AdaptiveMap(256, 1023);
        _context = _table;
        _node = _table + 1;
        _ = inputLength;
    }

    /// <summary>The table's size for <paramref name="order"/>.</summary>
    public static long TableBytes(int order) => (long)BytesPerContext << (8 * order);

    public readonly int InputCount => Inputs;

    public readonly long AllocatedBytes => _memory.Length + _states.AllocatedBytes;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Predict(ref BitContext context, ref int inputs)
    {
        _node = _context + NodeOffset[context.C0];
        _state = *_node;
        inputs = Logistic.Stretch(_states.P(_state));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Update(ref BitContext context, int bit)
    {
        *_node = (byte)BitHistory.Update(_state, bit);
        _states.Update(_state, bit);
        GC.KeepAlive(_memory);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EndByte(ref BitContext context)
    {
        ulong bytes = _order == 0 ? 0 : context.Last8 & ((1UL << (8 * _order)) - 1);
        _context = _table + (long)bytes * BytesPerContext;
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported) System.Runtime.Intrinsics.X86.Sse.Prefetch0(_context);
    }

    internal static short[] NodeOffsetsForTests() => (short[])NodeOffsets.Table.Clone();

    /// <summary>The node layout, built once (a nibble's 15 nodes in one group of 16).</summary>
    private static class NodeOffsets
    {
        public static readonly short[] Table = Build();

        private static short[] Build()
        {
            var offsets = new short[256];
            for (int c0 = 1; c0 < 256; c0++)
            {
                int bits = 31 - System.Numerics.BitOperations.LeadingZeroCount((uint)c0);   // bits known
                if (bits < 4)
                {
                    offsets[c0] = (short)c0;
                }
                else
                {
                    int low = bits - 4;                  // bits of the second nibble known
                    int high = (c0 >> low) & 15;
                    int node = (1 << low) | (c0 & ((1 << low) - 1));
                    offsets[c0] = (short)((1 + high) * 16 + node);
                }
            }
            return offsets;
        }
    }
}
