using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Midicoth.Models.Mixing;

/// <summary>
/// Adaptive probability map, or secondary estimation (<c>apm:ORDER-RATE</c>): refines the mixer's probability
/// by what was actually seen after such a probability in a small context (the bits of the byte so far, and the
/// last ORDER bytes: 0, 1, or 2 to 4 hashed to 16 bits). The probability's stretch picks two of 33 points
/// interpolated; both learn the bit, in proportion to their weight, at 2^-RATE. The output is (p + 3·refined) / 4
/// for orders 0 and 1, and (p + refined) / 2 for the hashed orders, whose rows colliding contexts share (measured
/// in Max, whose three APMs are a chain: −529 bytes on the corpus, −410 on five files outside it, each smaller).
/// The table of an order above 0 (4 MiB) is read at a new row every bit: it lives in <see cref="HugePageMemory"/>,
/// and the row of the next bit, known as soon as this bit is, is prefetched while the predictors learn.
/// </summary>
public unsafe struct ApmStage : IBitRefinement
{
    private const int Row = ApmRows.Points;

    private readonly HugePageMemory _memory;
    private readonly ushort* _table;
    private readonly int _order;
    private readonly int _rate;
    private int _index;
    private int _weight;
    private int _c0;
    private ulong _last8;
    private int _bytePart;

    public ApmStage(int order, int rate)
    {
        StageCatalog.Apm.Require(order, rate);
        _order = order;
        _rate = rate;
        int contexts = StageCatalog.ApmRowsOf(order);
        _memory = new HugePageMemory(contexts * Row * 2L);
        _table = (ushort*)_memory.Pointer;
        ApmRows.FillIdentity(new Span<ushort>(_table, contexts * Row));
    }

    public readonly long AllocatedBytes => _memory.Length;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public int Refine(int p, in BitContext context)
    {
        if (context.BitCount == 0)
        {
            _last8 = context.Last8;
            _bytePart = BytePart(_last8);
        }
        _c0 = context.C0;
        _index = (_c0 ^ _bytePart) * Row + ApmRows.PointOf(p, out _weight);
        int refined = ApmRows.Read(ref _table[_index], _weight);
        return Math.Clamp(_order >= 2 ? (p + refined + 1) >> 1 : (p + 3 * refined + 2) >> 2, 1, 4095);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public readonly void Update(int bit)
    {
        ApmRows.Learn(ref _table[_index], _weight, bit, _rate);
        if (Sse.IsSupported)
        {
            // The next bit's row: within this byte, or the first of the next one.
            int c0 = _c0 * 2 + bit;
            int row = c0 < 256 ? c0 ^ _bytePart : 1 ^ BytePart((_last8 << 8) | (uint)(c0 & 255));
            byte* first = (byte*)(_table + row * Row);
            Sse.Prefetch0(first);
            Sse.Prefetch0(first + 64);
        }
        GC.KeepAlive(_memory);
    }

    /// <summary>
    /// The part of a row's context that the byte's bits so far do not change: a row is c0 ^ this (c0 &lt; 256 and
    /// this is 0, the last byte times 256, or a 16-bit hash of the last ORDER bytes), so it is computed once a byte.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly int BytePart(ulong last8) => _order switch
    {
        0 => 0,
        1 => (int)((last8 & 255) << 8),
        2 => (int)(((uint)(last8 & 0xFFFF) * 0x9E3779B1u) >> 16),
        _ => (int)(((last8 & ((1UL << (8 * _order)) - 1)) * 0x9E3779B97F4A7C15UL) >> 48),
    };
}
