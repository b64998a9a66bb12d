using System.Runtime.CompilerServices;

namespace Midicoth.Models.ByteStages;

/// <summary>
/// The micro-diffusion denoiser: a calibration of the 256-symbol distribution seen as a binary tree.
/// <para>Each step splits the distribution at the 255 nodes of a binary tree (MSB first). At each node the
/// probability p of going right is looked up in a table by (step, bit context, PPM order group, shape of the
/// distribution, PPM confidence bin, logit bin of p); the table entry's empirical bias δ = hits/total −
/// mean prediction, shrunk James-Stein style by min(1, SNR/4), corrects p, and the correction is pushed down
/// to the leaves as scale factors. Steps repeat on the corrected distribution (the paper: 3).</para>
/// <para>Update sends the actual symbol down the tree and counts, at every node on its path, the prediction
/// made there. The level-1 squared-error update is a fused multiply-add in the reference (site F5); the other
/// levels are not. The shrunk δ of each entry is cached (it depends only on the entry), which removes most of
/// the per-node work; a δ of exactly 0 leaves the node's scale untouched (the reference multiplies by 1.0).</para>
/// </summary>
public struct TweedieDenoiser : ICorrectionStage
{
    private const int Symbols = 256;
    private const int BitContexts = 27;
    private const int OrderGroups = 3;
    private const int ShapeBins = 4;
    private const int ConfidenceBins = 8;
    private const int ProbabilityBins = 20;
    private const double PriorWeight = 32.0;
    // Table layout (ours; only the entries matter to the output): [order group][shape][confidence][step][bit
    // context][probability bin]. One byte's lookups all fall in one (order group, shape, confidence) block of
    // steps × 540 entries, so a file that meets few such combinations touches few pages of the table.
    private const int ContextStride = ProbabilityBins;
    private const int StepStride = BitContexts * ContextStride;
    internal const double PMin = 1e-8;
    internal const double PMax = 1.0 - 1e-8;

    /// <summary>Logistic centres of the 20 probability bins, bit-exact with the reference's fast_exp.</summary>
    private static ReadOnlySpan<ulong> BinCentreBits =>
    [
        0x3f406449067cd250, 0x3f523a70b413eb10, 0x3f6441827de246d0, 0x3f7678cfd4489cfe, 0x3f88d6cb584a4b37,
        0x3f9b3c3e09906c57, 0x3fad5998298308c6, 0x3fbe8462a58d65bf, 0x3fcda111a83eca4a, 0x3fd9af1e06c01dbc,
        0x3fe328735e9432eb, 0x3fe897c14e23bc81, 0x3fec2f7d5a8f2e97, 0x3fee2a6e42f59026, 0x3fef261f7d121f3c,
        0x3fef9ca507ddb6f4, 0x3fefd30e6ad484a0, 0x3fefebbe88d36294, 0x3feff6e2d7c4ec32, 0x3feffbe700935147,
    ];

    /// <summary>Table offset of each tree node's bit context (index: heap node 1..255).</summary>
    private static readonly int[] NodeContextOffset = BuildNodeContextOffsets();

    private struct Entry
    {
        public double SumPred;
        public double Hits;
        public double Total;
        public double SquaredError;
    }

    // Both tables start as zero pages that become resident only when written. An entry whose Total is 0 has never
    // been updated and stands for the initial state (its bin centre × 32 for the sums, 32 for Total, 8 for the
    // squared error), whose shrunk δ is exactly 0.
    private readonly ZeroedBuffer<Entry> _table;
    private readonly ZeroedBuffer<double> _delta; // cached shrunk correction per entry
    private readonly double[] _cachedP;    // [step][heap node]
    private readonly int[] _cachedBin;     // [step][heap node]
    private readonly double[] _tree;
    private readonly double[] _scale;
    private readonly double[] _work;       // right-child sums, left and right split factors, entry index per node (SIMD step)
    private readonly int _comboStride;     // entries per (order group, shape, confidence) block
    private int _cachedContext;            // og/shape/confidence part of the table index, from step 0

    /// <summary>With the catalog's defaults (the paper's values). Structs keep this constructor so that <c>new T()</c> is never a zeroed, unusable model.</summary>
    public TweedieDenoiser() : this(StageCatalog.Denoise.Defaults()[0])
    {
    }

    /// <summary>A denoiser of <paramref name="steps"/> correction steps (the paper: 3).</summary>
    public TweedieDenoiser(int steps)
    {
        StageCatalog.Denoise.Require(steps);
        Steps = steps;
        _comboStride = steps * StepStride;
        int entries = OrderGroups * ShapeBins * ConfidenceBins * _comboStride;
        _table = new ZeroedBuffer<Entry>(entries);
        _delta = new ZeroedBuffer<double>(entries);
        _cachedP = new double[steps * Symbols];
        _cachedBin = new int[steps * Symbols];
        _tree = new double[2 * Symbols];
        _scale = new double[2 * Symbols];
        _work = new double[4 * Symbols];
        _cachedContext = 0;
    }

    public int Steps { get; }

    /// <summary>Whether the AVX2 step runs (where supported). Tests turn it off to compare both paths bit for bit.</summary>
    internal bool UseSimd { get; init; } = TweedieSimd.IsSupported;

    /// <summary>Number of calibration entries (the paper: 155,520).</summary>
    internal readonly int EntryCount => _table.Length;

    /// <summary>Bytes allocated (of the tables, only pages written become resident).</summary>
    public readonly long AllocatedBytes => _table.Length * 40L + _cachedP.Length * 12L;

    private static int[] BuildNodeContextOffsets()
    {
        var offsets = new int[Symbols];
        for (int ni = 1; ni < Symbols; ni++)
        {
            int level = 31 - System.Numerics.BitOperations.LeadingZeroCount((uint)ni);
            offsets[ni] = BitContext(level, ni - (1 << level)) * ContextStride;
        }
        return offsets;
    }

    /// <summary>The reference's bit context of a node: level 0 → 0, level 1 → 1+j, level 2 → 3+j, deeper: 4 hashed groups per level.</summary>
    public static int BitContext(int level, int j)
    {
        if (level == 0) return 0;
        if (level == 1) return 1 + j;
        if (level == 2) return 3 + j;
        int group = (int)(unchecked((uint)j * 2654435761u) >> 30);
        return 7 + (level - 3) * 4 + group;
    }

    public static int OrderGroup(int order) => order <= 1 ? 0 : order <= 3 ? 1 : 2;

    public static int ShapeBin(double maxP) => maxP < 0.05 ? 0 : maxP < 0.15 ? 1 : maxP < 0.40 ? 2 : 3;

    public static int ConfidenceBin(double confidence)
    {
        if (confidence < 4.0) return 0;
        int bin = (int)(FastMath.FastLog(confidence) * (1.0 / 1.3862943611198906));
        if (bin < 0) bin = 0;
        if (bin > ConfidenceBins - 1) bin = ConfidenceBins - 1;
        return bin;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ProbabilityBin(double p)
    {
        if (p < PMin) p = PMin;
        if (p > PMax) p = PMax;
        double logit = FastMath.FastLog(p / (1.0 - p));
        int bin = (int)((logit + 8.0) / 16.0 * ProbabilityBins);
        if (bin < 0) bin = 0;
        if (bin > ProbabilityBins - 1) bin = ProbabilityBins - 1;
        return bin;
    }

    private readonly int ContextIndex(int orderGroup, int shape, int confidenceBin)
        => ((orderGroup * ShapeBins + shape) * ConfidenceBins + confidenceBin) * _comboStride;

    /// <summary>
    /// The correction of a topology: denoises with the base stage's order and confidence as context, then clamps
    /// and normalises for the coder.
    /// </summary>
    public void Correct(Span<double> probs, Opinion basis)
    {
        Denoise(probs, basis.Value, basis.Confidence);
        Distribution.ClampNormalize(probs);
    }

    /// <summary>Corrects <paramref name="probs"/> in place; <paramref name="order"/> and <paramref name="confidence"/> come from PPM.</summary>
    public unsafe void Denoise(Span<double> probs, int order, double confidence)
    {
        probs = probs[..Symbols];
        int orderGroup = OrderGroup(order);
        int confidenceBin = ConfidenceBin(confidence);
        int shape = ShapeBin(Distribution.Max(probs));
        _cachedContext = ContextIndex(orderGroup, shape, confidenceBin);

        for (int step = 0; step < Steps; step++)
        {
            int stepBase = step * StepStride + ContextIndex(orderGroup, shape, confidenceBin);
            Span<double> cachedP = _cachedP.AsSpan(step * Symbols, Symbols);
            Span<int> cachedBin = _cachedBin.AsSpan(step * Symbols, Symbols);
            double max = UseSimd
                ? TweedieSimd.Step(probs, _tree, _work, _scale, _delta.Pointer, stepBase, NodeContextOffset, cachedP, cachedBin)
                : -1.0;
            if (max < 0) max = StepScalar(probs, stepBase, cachedP, cachedBin);
            shape = ShapeBin(max);
        }
    }

    /// <summary>One step, one node at a time; returns the largest resulting probability.</summary>
    private readonly double StepScalar(Span<double> probs, int stepBase, Span<double> cachedP, Span<int> cachedBin)
    {
        Span<double> tree = _tree;
        Span<double> scale = _scale;
        Span<double> splitLeft = _work.AsSpan(Symbols, Symbols);
        Span<double> splitRight = _work.AsSpan(2 * Symbols, Symbols);

        // Sum tree over the leaves: node i holds the mass of its subtree, node 1 the root.
        probs.CopyTo(tree[Symbols..]);
        for (int i = Symbols - 1; i >= 1; i--) tree[i] = tree[2 * i] + tree[2 * i + 1];

        // A node's correction depends only on the sums, so all nodes are corrected first, scales pushed down after.
        CorrectNodesScalar(tree, stepBase, cachedP, cachedBin, splitLeft, splitRight);
        scale[1] = 1.0;
        for (int ni = 1; ni < Symbols; ni++)
        {
            double sc = scale[ni];
            scale[2 * ni] = sc * splitLeft[ni];
            scale[2 * ni + 1] = sc * splitRight[ni];
        }

        // Leaf scaling fused with the clamp and the sequential sum: each element sees the same operations.
        double sum = 0.0;
        ReadOnlySpan<double> leaves = scale.Slice(Symbols, Symbols);
        for (int i = 0; i < probs.Length; i++)
        {
            double v = probs[i] * leaves[i];
            if (v < Distribution.Floor) v = Distribution.Floor;
            probs[i] = v;
            sum += v;
        }
        double inv = 1.0 / sum;
        double max = 0.0;
        for (int i = 0; i < probs.Length; i++)
        {
            double v = probs[i] * inv;
            probs[i] = v;
            if (v > max) max = v;
        }
        return max;
    }

    /// <summary>
    /// Per node: p = P(right), its bin, the table's shrunk δ, and the factors (1−p')/(1−p) and p'/p by which the
    /// left and right subtrees are scaled (exactly 1 when δ = 0, as x/x = 1).
    /// </summary>
    private readonly void CorrectNodesScalar(
        ReadOnlySpan<double> tree, int stepBase, Span<double> cachedP, Span<int> cachedBin, Span<double> left, Span<double> right)
    {
        ReadOnlySpan<int> nodeOffset = NodeContextOffset;
        for (int ni = 1; ni < Symbols; ni++)
        {
            double nodeTotal = tree[ni];
            if (nodeTotal < 1e-15)
            {
                // Unreachable with clamped inputs (every leaf is at least ~1e-10), kept as the reference has it.
                left[ni] = 1.0;
                right[ni] = 1.0;
                cachedP[ni] = 0.5;
                cachedBin[ni] = ProbabilityBin(0.5);
                continue;
            }
            double p = tree[2 * ni + 1] / nodeTotal;
            if (p < PMin) p = PMin;
            if (p > PMax) p = PMax;
            int bin = ProbabilityBin(p);
            cachedP[ni] = p;
            cachedBin[ni] = bin;
            double delta = _delta[stepBase + nodeOffset[ni] + bin];
            if (delta == 0.0)
            {
                left[ni] = 1.0;
                right[ni] = 1.0;
                continue;
            }
            double corrected = p + delta;
            if (corrected < PMin) corrected = PMin;
            if (corrected > PMax) corrected = PMax;
            left[ni] = (1.0 - corrected) / (1.0 - p);
            right[ni] = corrected / p;
        }
    }

    /// <summary>Counts the actual <paramref name="symbol"/> at every node of its path, for every step.</summary>
    public unsafe void Update(byte symbol)
    {
        ReadOnlySpan<int> nodeOffset = NodeContextOffset;
        Span<int> indices = stackalloc int[8];
        Span<double> predictions = stackalloc double[8];
        for (int step = 0; step < Steps; step++)
        {
            int stepBase = step * StepStride + _cachedContext;
            for (int level = 0; level < 8; level++)
            {
                int ni = (1 << level) + (symbol >> (8 - level));
                int index = stepBase + nodeOffset[ni] + _cachedBin[step * Symbols + ni];
                indices[level] = index;
                predictions[level] = _cachedP[step * Symbols + ni];
                ref Entry e = ref _table[index];
                if (e.Total == 0.0) Initialise(ref e, index);
            }
            // The eight entries of a step are distinct (each level has its own bit contexts).
            if (UseSimd)
            {
                TweedieSimd.UpdateEntries((double*)_table.Pointer, _delta.Pointer, indices, predictions, symbol);
                continue;
            }
            for (int level = 0; level < 8; level++)
            {
                bool wentRight = ((symbol >> (7 - level)) & 1) != 0;
                double p = predictions[level];
                ref Entry e = ref _table[indices[level]];
                double err = (wentRight ? 1.0 : 0.0) - p;
                e.SquaredError = level == 1 ? Math.FusedMultiplyAdd(err, err, e.SquaredError) : e.SquaredError + err * err;
                e.SumPred += p;
                e.Total += 1.0;
                if (wentRight) e.Hits += 1.0;
                _delta[indices[level]] = ShrunkDelta(in e);
            }
        }
    }

    private static void Initialise(ref Entry e, int index)
    {
        double centre = BitConverter.Int64BitsToDouble((long)BinCentreBits[index % ProbabilityBins]);
        e.SumPred = centre * PriorWeight;
        e.Hits = centre * PriorWeight;
        e.Total = PriorWeight;
        e.SquaredError = PriorWeight * 0.25;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double ShrunkDelta(in Entry e)
    {
        double avg = e.SumPred / e.Total;
        double emp = e.Hits / e.Total;
        double delta = emp - avg;
        double variance = e.SquaredError / e.Total;
        if (e.Total > 10.0 && variance > 1e-10)
        {
            double snr = delta * delta * e.Total / variance;
            double shrink = snr > 4.0 ? 1.0 : snr / 4.0;
            return delta * shrink;
        }
        return 0.0;
    }
}
