using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Midicoth.Models.ByteStages;

/// <summary>
/// PPM with method-C escapes and full exclusion, orders 0..<see cref="MaxOrder"/> (the paper: 4).
/// <para>Predict: from the highest order down, each context that has symbols not yet excluded gives them
/// (remaining·(1−esc))·(count/n), with esc = d/(n+d) (d distinct symbols, n their observations), excludes
/// them and keeps remaining·esc for the lower orders. What is left is spread uniformly over unseen symbols.
/// The first order found supplies the confidence (its context's total, 128 + observations, as the reference
/// counts a 0.5 prior per symbol) and the order, which the denoiser uses as context.</para>
/// <para>Update: every order's context counts the symbol. A table holds at most 314,573 contexts
/// (the reference's 2^19-slot table at 60% load); later new contexts are not stored.</para>
/// <para>The reference keeps 256 doubles per context; counts are 0.5 + integer there, so sparse integer
/// counts give the same arithmetic exactly.</para>
/// </summary>
public struct PpmModel : IBaseStage
{
    public const int MaxContextsPerOrder = 314_573;
    private const double PriorTotal = 128.0; // 256 symbols × 0.5
    private const double Unassigned = -1.0;  // in Predict: a symbol no order has given a probability yet

    private ContextTable[] _tables;
    private int[] _contextOf;   // context id per order found by the last Predict (-1: none)
    private ulong[] _keys;      // context key per order for the current history (from Prepare)
    private int[] _liveSymbols; // per order in Predict: the context's symbols not yet excluded...
    private double[] _liveCounts; // ...and their counts

    /// <summary>With the catalog's defaults (the paper's values). Structs keep this constructor so that <c>new T()</c> is never a zeroed, unusable model.</summary>
    public PpmModel() : this(StageCatalog.Ppm.Defaults()[0])
    {
    }

    /// <summary>PPM of orders 0..<paramref name="order"/>.</summary>
    public PpmModel(int order)
    {
        StageCatalog.Ppm.Require(order);
        MaxOrder = order;
        _tables = new ContextTable[order + 1];
        for (int i = 0; i <= order; i++) _tables[i] = new ContextTable(MaxContextsPerOrder);
        _contextOf = new int[order + 1];
        _keys = new ulong[order + 1];
        _liveSymbols = new int[Distribution.Symbols];
        _liveCounts = new double[Distribution.Symbols];
    }

    public int MaxOrder { get; }

    public readonly long AllocatedBytes
    {
        get { long sum = 0; foreach (var t in _tables) sum += t.AllocatedBytes; return sum; }
    }

    /// <summary>Number of contexts stored for <paramref name="order"/>.</summary>
    internal readonly int ContextCount(int order) => _tables[order].Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong KeyOf(ReadOnlySpan<byte> history, int order)
        => order == 0 ? 1UL : ContextHash.OfSuffix(history, order);

    /// <summary>Computes the context keys of <paramref name="history"/> and prefetches their table slots.</summary>
    public void Prepare(ReadOnlySpan<byte> history)
    {
        for (int k = 0; k <= MaxOrder && k <= history.Length; k++)
        {
            ulong key = KeyOf(history, k);
            _keys[k] = key;
            _tables[k].Prefetch(key);
        }
    }

    /// <summary>
    /// The base prediction of a topology: PPM's distribution, then a second normalisation that the reference also
    /// does (it is not a no-op: it rounds), with PPM's multiply by 1/sum carried into the second pass.
    /// </summary>
    public Opinion PredictBase(ReadOnlySpan<byte> history, Span<double> probs)
    {
        double sum = PredictClamped(history, probs, out double confidence, out int order);
        sum = Distribution.ScaleClampSum(probs, 1.0 / sum);
        Distribution.Scale(probs, 1.0 / sum);
        return new Opinion(order, confidence);
    }

    /// <summary>Fills <paramref name="probs"/> (normalised) and returns the confidence and order used. Follows <see cref="Prepare"/>.</summary>
    public void Predict(ReadOnlySpan<byte> history, Span<double> probs, out double confidence, out int order)
    {
        double sum = PredictClamped(history, probs, out confidence, out order);
        Distribution.Scale(probs[..Distribution.Symbols], 1.0 / sum);
    }

    /// <summary>
    /// <see cref="Predict"/> up to its final multiply: <paramref name="probs"/> is clamped, and the return value is
    /// its sequential sum, so that the caller can fold the multiply by 1/sum into its own next pass.
    /// </summary>
    public double PredictClamped(ReadOnlySpan<byte> history, Span<double> probs, out double confidence, out int order)
    {
        probs = probs[..Distribution.Symbols];
        // Not yet assigned (not excluded) is marked by a negative value: every assigned probability is ≥ 0.
        probs.Fill(Unassigned);
        double remaining = 1.0;
        int bestOrder = -1;
        double bestConfidence = 0.0;
        int excludedCount = 0;

        // All contexts first, so that the loads of their lists overlap.
        for (int k = MaxOrder; k >= 0; k--)
        {
            _contextOf[k] = k > history.Length ? -1 : _tables[k].FindAndPrefetchList(_keys[k]);
        }

        for (int k = MaxOrder; k >= 0; k--)
        {
            int ctx = _contextOf[k];
            if (ctx < 0) continue;
            ContextTable table = _tables[k];

            CountLists lists = table.Lists;
            ReadOnlySpan<byte> symbols = lists.Symbols(ctx);
            ReadOnlySpan<int> counts = lists.Counts(ctx);
            // The symbols not excluded by a higher order, gathered without branches (which would mispredict).
            Span<int> liveSymbols = _liveSymbols;
            Span<double> liveCounts = _liveCounts;
            long n = 0;
            int d = 0;
            for (int i = 0; i < symbols.Length; i++)
            {
                int s = symbols[i];
                int live = (int)((ulong)BitConverter.DoubleToInt64Bits(probs[s]) >> 63); // 1: still unassigned
                liveSymbols[d] = s;
                liveCounts[d] = counts[i];
                n += counts[i] & -live;
                d += live;
            }
            if (d == 0) continue;

            if (bestOrder < 0)
            {
                bestOrder = k;
                bestConfidence = PriorTotal + lists.Total(ctx);
            }

            double nd = n;
            double pEscape = (double)d / (nd + d);
            double share = remaining * (1.0 - pEscape);
            Assign(probs, liveSymbols[..d], liveCounts, share, nd);
            excludedCount += d;
            remaining *= pEscape;
        }

        confidence = bestConfidence;
        order = bestOrder;
        int unseen = Distribution.Symbols - excludedCount;
        return unseen > 0
            ? FillUnassignedClampSum(probs, remaining / unseen)
            : Distribution.ScaleClampSum(AddToAll(probs, remaining / Distribution.Symbols), 1.0);
    }

    /// <summary>
    /// probs[symbol] = share·(count/n) for each live symbol; the divisions four at a time where possible.
    /// <paramref name="counts"/> is scratch: each group of four is overwritten with its results before they are stored.
    /// </summary>
    private static void Assign(Span<double> probs, ReadOnlySpan<int> symbols, Span<double> counts, double share, double n)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref double c = ref MemoryMarshal.GetReference(counts);
            var shareV = Vector256.Create(share);
            var nV = Vector256.Create(n);
            for (; i <= symbols.Length - 4; i += 4)
            {
                (shareV * (Vector256.LoadUnsafe(ref c, (nuint)i) / nV)).StoreUnsafe(ref c, (nuint)i);
                probs[symbols[i]] = counts[i];
                probs[symbols[i + 1]] = counts[i + 1];
                probs[symbols[i + 2]] = counts[i + 2];
                probs[symbols[i + 3]] = counts[i + 3];
            }
        }
        for (; i < symbols.Length; i++) probs[symbols[i]] = share * (counts[i] / n);
    }

    /// <summary>Unassigned entries become <paramref name="share"/>; then clamp and sequential sum, in one pass.</summary>
    private static double FillUnassignedClampSum(Span<double> probs, double share)
    {
        double sum = 0.0;
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref double start = ref MemoryMarshal.GetReference(probs);
            var shareV = Vector256.Create(share);
            var floor = Vector256.Create(Distribution.Floor);
            for (; i <= probs.Length - 4; i += 4)
            {
                var p = Vector256.LoadUnsafe(ref start, (nuint)i);
                var v = Vector256.MaxNative(Vector256.ConditionalSelect(Vector256.LessThan(p, Vector256<double>.Zero), shareV, p), floor);
                v.StoreUnsafe(ref start, (nuint)i);
                sum = Distribution.AddInOrder(sum, v);
            }
        }
        for (; i < probs.Length; i++)
        {
            double v = probs[i] < 0.0 ? share : probs[i];
            if (v < Distribution.Floor) v = Distribution.Floor;
            probs[i] = v;
            sum += v;
        }
        return sum;
    }

    /// <summary>Every symbol was assigned: the remaining mass is spread over all of them.</summary>
    private static Span<double> AddToAll(Span<double> probs, double share)
    {
        for (int s = 0; s < probs.Length; s++) probs[s] += share;
        return probs;
    }

    /// <summary>Counts <paramref name="symbol"/> in every order's context. Must follow <see cref="Predict"/> on the same history.</summary>
    public void Update(ReadOnlySpan<byte> history, byte symbol)
    {
        for (int k = 0; k <= MaxOrder; k++)
        {
            if (k > history.Length) continue;
            ContextTable table = _tables[k];
            int ctx = _contextOf[k];
            if (ctx < 0) ctx = table.FindOrAdd(_keys[k]);
            if (ctx < 0) continue;
            CountLists lists = table.Lists;
            lists.Counter(ctx, symbol)++;
            lists.Total(ctx)++;
        }
    }
}
