using System.Runtime.CompilerServices;

namespace Midicoth.Models.ByteStages;

/// <summary>
/// High-order context model (the paper: orders 5..8). Each order's table maps the key of the last k bytes
/// to counts of the byte that followed, 16-bit and wrapping as in the reference (the wrap is observable).
/// <para>Predict: the highest order whose context has been seen at least 4 times gives
/// q[s] = (count[s] + 1e-4) / (total + 0.0256) and confidence max(0,(total−4)/(total+8))·(0.4 + 0.1·(k−5)).</para>
/// <para>At most 629,146 contexts per order (the reference's 2^20-slot table at 60% load).</para>
/// </summary>
public struct HighOrderModel : IBlendStage
{
    public const int MaxContextsPerOrder = 629_146;
    private const double Smoothing = 1e-4;
    private const int PaperMinOrder = 5;

    private readonly ContextTable[] _tables; // index k − MinOrder
    private readonly int[] _contextOf;       // context id per order found by the last Predict (-1: absent)
    private readonly ulong[] _keys;          // context key per order for the current history (from Prepare)

    /// <summary>With the catalog's defaults (the paper's values). Structs keep this constructor so that <c>new T()</c> is never a zeroed, unusable model.</summary>
    public HighOrderModel() : this(StageCatalog.HighOrder.Defaults()[0], StageCatalog.HighOrder.Defaults()[1])
    {
    }

    /// <summary>The high-order model of orders <paramref name="minOrder"/>..<paramref name="maxOrder"/> (the paper: 5..8).</summary>
    public HighOrderModel(int minOrder, int maxOrder)
    {
        StageCatalog.HighOrder.Require(minOrder, maxOrder);
        MinOrder = minOrder;
        MaxOrder = maxOrder;
        _tables = new ContextTable[maxOrder - minOrder + 1];
        for (int i = 0; i < _tables.Length; i++) _tables[i] = new ContextTable(MaxContextsPerOrder, 8192);
        _contextOf = new int[_tables.Length];
        _keys = new ulong[_tables.Length];
    }

    public int MinOrder { get; }
    public int MaxOrder { get; }

    public readonly long AllocatedBytes
    {
        get { long sum = 0; foreach (var t in _tables) sum += t.AllocatedBytes; return sum; }
    }

    /// <summary>Computes the context keys of <paramref name="history"/> and prefetches their table slots.</summary>
    public readonly void Prepare(ReadOnlySpan<byte> history)
    {
        for (int k = MinOrder; k <= MaxOrder && k <= history.Length; k++)
        {
            ulong key = ContextHash.OfSuffix(history, k);
            _keys[k - MinOrder] = key;
            _tables[k - MinOrder].Prefetch(key);
        }
    }

    /// <summary>Fills <paramref name="probs"/> (not renormalised) and returns true when some order qualifies.</summary>
    public readonly bool Predict(ReadOnlySpan<byte> history, Span<double> probs, out double confidence)
    {
        probs = probs[..Distribution.Symbols];
        // Every order's context first (Update needs them all), so that the loads of their lists overlap.
        for (int k = MaxOrder; k >= MinOrder; k--)
        {
            _contextOf[k - MinOrder] = history.Length < k ? -1 : _tables[k - MinOrder].FindAndPrefetchList(_keys[k - MinOrder]);
        }
        for (int k = MaxOrder; k >= MinOrder; k--)
        {
            int ctx = _contextOf[k - MinOrder];
            if (ctx < 0) continue;
            CountLists lists = _tables[k - MinOrder].Lists;
            uint total = (uint)lists.Total(ctx);
            if (total < 4) continue;

            double inv = 1.0 / (total + Smoothing * Distribution.Symbols);
            probs.Fill(Smoothing * inv);
            ReadOnlySpan<byte> symbols = lists.Symbols(ctx);
            ReadOnlySpan<int> counts = lists.Counts(ctx);
            for (int i = 0; i < symbols.Length; i++) probs[symbols[i]] = (counts[i] + Smoothing) * inv;

            double countConfidence = (total - 4.0) / (total + 8.0);
            if (countConfidence < 0) countConfidence = 0;
            // The reference's compiler fused this one too, but for k = 5..8 fused and unfused agree.
            double orderFactor = 0.4 + (k - PaperMinOrder) * 0.1;
            confidence = countConfidence * orderFactor;
            return true;
        }
        confidence = 0.0;
        return false;
    }

    /// <summary>Predicts into <paramref name="scratch"/> and mixes it in (<see cref="Mix"/>).</summary>
    public readonly Opinion Blend(ReadOnlySpan<byte> history, Span<double> probs, Span<double> scratch)
    {
        bool ok = Predict(history, scratch, out double confidence);
        if (ok) Mix(probs, scratch, confidence);
        return new Opinion(ok ? 1 : 0, confidence);
    }

    /// <summary>
    /// The reference's high-order blend: w = min(conf·2, 0.60); p = fma(p, 1−w, q·w) (its compiler's fused site F3);
    /// clamp, normalise. Skipped below confidence 0.01.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Mix(Span<double> probs, ReadOnlySpan<double> highProbs, double confidence)
    {
        if (confidence < 0.01) return;
        double w = confidence * 2.0;
        if (w > 0.60) w = 0.60;
        Distribution.MixFused(probs, highProbs, w);
    }

    /// <summary>
    /// Counts <paramref name="symbol"/> after every order's context (16-bit wrap per symbol). Must follow
    /// <see cref="Predict"/> on the same history (it reuses the contexts Predict found).
    /// </summary>
    public readonly void Update(ReadOnlySpan<byte> history, byte symbol)
    {
        for (int k = MinOrder; k <= MaxOrder; k++)
        {
            if (history.Length < k) continue;
            ContextTable table = _tables[k - MinOrder];
            int ctx = _contextOf[k - MinOrder];
            if (ctx < 0) ctx = table.FindOrAdd(_keys[k - MinOrder]);
            if (ctx < 0) continue;
            ref int count = ref table.Lists.Counter(ctx, symbol);
            count = (count + 1) & 0xFFFF;
            table.Lists.Total(ctx)++;
        }
    }
}
