using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Midicoth.Models.ByteStages;

/// <summary>
/// One denoising step of <see cref="TweedieDenoiser"/> with AVX2, four tree nodes or leaves at a time.
/// Only element-wise operations are vectorised: each node or leaf sees exactly the operations of the scalar
/// path (a horizontal add is one IEEE addition of the same two children; fused multiply-adds only inside
/// fast_log, site F1), and the one sum over the leaves stays sequential. The result is bit-identical to
/// the scalar path, which runs where AVX2 is missing (tests run both, the scalar one with
/// DOTNET_EnableHWIntrinsic=0).
/// </summary>
internal static unsafe class TweedieSimd
{
    private const int Symbols = 256;

    public static bool IsSupported => Avx2.IsSupported && Fma.IsSupported;

    /// <summary>
    /// Runs one step on <paramref name="probs"/> and returns the largest resulting probability, or −1 (nothing
    /// changed in <paramref name="probs"/>) when a tree node is empty and the scalar path must decide.
    /// Scratch: <paramref name="tree"/> (node sums at 1..255, entry 0 unused),
    /// <paramref name="work"/> (4 × 256: right-child sums, left and right split factors, table index of each node's entry) and
    /// <paramref name="scale"/> (512: the scale of every node and leaf).
    /// </summary>
    public static double Step(
        Span<double> probs, double[] tree, double[] work, double[] scale,
        double* delta, int stepBase, int[] nodeOffset, Span<double> cachedP, Span<int> cachedBin)
    {
        double* d = delta;
        fixed (double* p = probs, t = tree, w = work, sc = scale, cp = cachedP)
        fixed (int* offsets = nodeOffset, bins = cachedBin)
        {
            double* rightSums = w;
            double* splitLeft = w + Symbols;
            double* splitRight = w + 2 * Symbols;
            int* entryOf = (int*)(w + 3 * Symbols);
            BuildTree(p, t, rightSums);
            if (!CorrectNodes(t, rightSums, d, stepBase, offsets, cp, bins, entryOf, splitLeft, splitRight)) return -1.0;
            PushScalesDown(sc, splitLeft, splitRight);
            return ScaleLeavesAndNormalise(p, sc + Symbols);
        }
    }

    /// <summary>Sum tree bottom-up: node i = node 2i + node 2i+1; right-child sums kept for the node pass.</summary>
    private static void BuildTree(double* probs, double* tree, double* rightSums)
    {
        for (int first = Symbols / 2; first >= 4; first >>= 1)
        {
            // The leaves (heap nodes 256..511) are read from probs itself.
            double* children = first == Symbols / 2 ? probs - Symbols : tree;
            for (int ni = first; ni < 2 * first; ni += 4)
            {
                var a = Avx.LoadVector256(children + 2 * ni);
                var b = Avx.LoadVector256(children + 2 * ni + 4);
                // (a0+a1, b0+b1, a2+a3, b2+b3) reordered to nodes ni..ni+3.
                Avx.Store(tree + ni, Avx2.Permute4x64(Avx.HorizontalAdd(a, b), 0b11_01_10_00));
                Avx.Store(rightSums + ni, Avx2.Permute4x64(Avx.UnpackHigh(a, b), 0b11_01_10_00));
            }
        }
        for (int ni = 3; ni >= 1; ni--)
        {
            tree[ni] = tree[2 * ni] + tree[2 * ni + 1];
            rightSums[ni] = tree[2 * ni + 1];
        }
        tree[0] = 1.0;       // node 0 does not exist: a harmless lane
        rightSums[0] = 0.5;
    }

    private static bool CorrectNodes(
        double* tree, double* rightSums, double* delta, int stepBase, int* offsets,
        double* cachedP, int* cachedBin, int* entryOf, double* splitLeft, double* splitRight)
    {
        var pMin = Vector256.Create(TweedieDenoiser.PMin);
        var pMax = Vector256.Create(TweedieDenoiser.PMax);
        var one = Vector256.Create(1.0);
        var lastBin = Vector256.Create(19.0);
        var baseIndex = Vector128.Create(stepBase);
        var minTotal = Vector256.Create(double.MaxValue);
        for (int ni = 0; ni < Symbols; ni += 4)
        {
            var total = Avx.LoadVector256(tree + ni);
            minTotal = Avx.Min(minTotal, total);
            var p = Avx.Divide(Avx.LoadVector256(rightSums + ni), total);
            p = Avx.Min(Avx.Max(p, pMin), pMax);
            Avx.Store(cachedP + ni, p);
            Avx.Store(splitLeft + ni, Avx.Divide(p, Avx.Subtract(one, p))); // the odds, until the last pass
        }
        // The passes are split so that each one's dependency chain is short enough for the CPU to overlap iterations.
        for (int ni = 0; ni < Symbols; ni += 4)
        {
            var logit = FastLog(Avx.LoadVector256(splitLeft + ni));
            var binValue = Avx.Multiply(Avx.Multiply(Avx.Add(logit, Vector256.Create(8.0)), Vector256.Create(0.0625)), Vector256.Create(20.0));
            binValue = Avx.Min(Avx.Max(binValue, Vector256<double>.Zero), lastBin);
            Vector128<int> bin = Avx.ConvertToVector128Int32WithTruncation(binValue);
            Sse2.Store(cachedBin + ni, bin);
            Vector128<int> index = Sse2.Add(Sse2.Add(baseIndex, Sse2.LoadVector128(offsets + ni)), bin);
            Sse2.Store(entryOf + ni, index);
        }
        for (int ni = 0; ni < Symbols; ni += 4)
        {
            var p = Avx.LoadVector256(cachedP + ni);
            // Four scalar loads: faster than a hardware gather here, and the pass above need not wait for them.
            var d = Vector256.Create(delta[entryOf[ni]], delta[entryOf[ni + 1]], delta[entryOf[ni + 2]], delta[entryOf[ni + 3]]);
            var corrected = Avx.Min(Avx.Max(Avx.Add(p, d), pMin), pMax);
            // With δ = 0 these are x/x = 1 exactly, as in the scalar path.
            Avx.Store(splitLeft + ni, Avx.Divide(Avx.Subtract(one, corrected), Avx.Subtract(one, p)));
            Avx.Store(splitRight + ni, Avx.Divide(corrected, p));
        }
        // Lane 0 of the first vector is the dummy node 0 (total 1.0); any real empty node sends us to the scalar path.
        return Vector256.LessThanAny(minTotal, Vector256.Create(1e-15)) == false;
    }

    /// <summary>scale[child] = scale[node] × split factor, level by level from the root.</summary>
    private static void PushScalesDown(double* scale, double* splitLeft, double* splitRight)
    {
        scale[1] = 1.0;
        for (int ni = 1; ni < 4; ni++)
        {
            scale[2 * ni] = scale[ni] * splitLeft[ni];
            scale[2 * ni + 1] = scale[ni] * splitRight[ni];
        }
        for (int first = 4; first < Symbols; first <<= 1)
        {
            for (int ni = first; ni < 2 * first; ni += 4)
            {
                var s = Avx.LoadVector256(scale + ni);
                var left = Avx.Multiply(s, Avx.LoadVector256(splitLeft + ni));
                var right = Avx.Multiply(s, Avx.LoadVector256(splitRight + ni));
                var low = Avx.UnpackLow(left, right);   // l0 r0 l2 r2
                var high = Avx.UnpackHigh(left, right); // l1 r1 l3 r3
                Avx.Store(scale + 2 * ni, Avx.Permute2x128(low, high, 0x20));
                Avx.Store(scale + 2 * ni + 4, Avx.Permute2x128(low, high, 0x31));
            }
        }
    }

    /// <summary>probs ×= leaf scale, clamp, sequential sum, ×(1/sum); returns the largest result.</summary>
    private static double ScaleLeavesAndNormalise(double* probs, double* leafScale)
    {
        var floor = Vector256.Create(Distribution.Floor);
        double sum = 0.0;
        for (int i = 0; i < Symbols; i += 4)
        {
            var v = Avx.Max(Avx.Multiply(Avx.LoadVector256(probs + i), Avx.LoadVector256(leafScale + i)), floor);
            Avx.Store(probs + i, v);
            sum = Distribution.AddInOrder(sum, v);
        }
        var inv = Vector256.Create(1.0 / sum);
        var max = Vector256<double>.Zero;
        for (int i = 0; i < Symbols; i += 4)
        {
            var v = Avx.Multiply(Avx.LoadVector256(probs + i), inv);
            Avx.Store(probs + i, v);
            max = Avx.Max(max, v);
        }
        return Math.Max(Math.Max(max[0], max[1]), Math.Max(max[2], max[3]));
    }

    /// <summary>
    /// The denoiser's update of one step's eight entries (levels 0..7), four at a time: entries {SumPred, Hits,
    /// Total, SquaredError} are transposed into one vector per field, updated, and their shrunk δ recomputed,
    /// with exactly the scalar operations per entry (the level-1 squared error fused, site F5, the others not).
    /// </summary>
    public static void UpdateEntries(double* table, double* delta, ReadOnlySpan<int> indices, ReadOnlySpan<double> predictions, byte symbol)
    {
        var one = Vector256.Create(1.0);
        for (int first = 0; first < 8; first += 4)
        {
            double* e0 = table + 4L * indices[first];
            double* e1 = table + 4L * indices[first + 1];
            double* e2 = table + 4L * indices[first + 2];
            double* e3 = table + 4L * indices[first + 3];
            Transpose(Avx.LoadVector256(e0), Avx.LoadVector256(e1), Avx.LoadVector256(e2), Avx.LoadVector256(e3),
                out var sumPred, out var hits, out var total, out var squaredError);
            var p = Vector256.Create(predictions[first], predictions[first + 1], predictions[first + 2], predictions[first + 3]);
            var wentRight = Avx.ConvertToVector256Double(Vector128.Create(
                (symbol >> (7 - first)) & 1, (symbol >> (6 - first)) & 1, (symbol >> (5 - first)) & 1, (symbol >> (4 - first)) & 1));
            var err = Avx.Subtract(wentRight, p);
            var plain = Avx.Add(squaredError, Avx.Multiply(err, err));
            // Level 1 is lane 1 of the first group only.
            squaredError = first == 0
                ? Avx.Blend(plain, Fma.MultiplyAdd(err, err, squaredError), 0b0010)
                : plain;
            sumPred = Avx.Add(sumPred, p);
            total = Avx.Add(total, one);
            hits = Avx.Add(hits, wentRight); // + 0.0 leaves a positive count unchanged, as the scalar "if" does
            Transpose(sumPred, hits, total, squaredError, out var r0, out var r1, out var r2, out var r3);
            Avx.Store(e0, r0);
            Avx.Store(e1, r1);
            Avx.Store(e2, r2);
            Avx.Store(e3, r3);

            var d = Avx.Subtract(Avx.Divide(hits, total), Avx.Divide(sumPred, total));
            var variance = Avx.Divide(squaredError, total);
            var snr = Avx.Divide(Avx.Multiply(Avx.Multiply(d, d), total), variance);
            var shrink = Avx.BlendVariable(Avx.Divide(snr, Vector256.Create(4.0)), one, Avx.CompareGreaterThan(snr, Vector256.Create(4.0)));
            var shrunk = Avx.Multiply(d, shrink);
            var valid = Avx.And(Avx.CompareGreaterThan(total, Vector256.Create(10.0)), Avx.CompareGreaterThan(variance, Vector256.Create(1e-10)));
            shrunk = Avx.And(shrunk, valid);
            delta[indices[first]] = shrunk.GetElement(0);
            delta[indices[first + 1]] = shrunk.GetElement(1);
            delta[indices[first + 2]] = shrunk.GetElement(2);
            delta[indices[first + 3]] = shrunk.GetElement(3);
        }
    }

    /// <summary>4×4 transpose of doubles: rows in, columns out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose(Vector256<double> a, Vector256<double> b, Vector256<double> c, Vector256<double> d,
        out Vector256<double> c0, out Vector256<double> c1, out Vector256<double> c2, out Vector256<double> c3)
    {
        var ab0 = Avx.UnpackLow(a, b);   // a0 b0 a2 b2
        var ab1 = Avx.UnpackHigh(a, b);  // a1 b1 a3 b3
        var cd0 = Avx.UnpackLow(c, d);   // c0 d0 c2 d2
        var cd1 = Avx.UnpackHigh(c, d);  // c1 d1 c3 d3
        c0 = Avx.Permute2x128(ab0, cd0, 0x20); // a0 b0 c0 d0
        c1 = Avx.Permute2x128(ab1, cd1, 0x20); // a1 b1 c1 d1
        c2 = Avx.Permute2x128(ab0, cd0, 0x31); // a2 b2 c2 d2
        c3 = Avx.Permute2x128(ab1, cd1, 0x31); // a3 b3 c3 d3
    }

    /// <summary><see cref="FastMath.FastLog"/> on four lanes, with the same fused steps.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> FastLog(Vector256<double> x)
    {
        Vector256<ulong> u = x.AsUInt64();
        // The biased exponent (0..2047) becomes an exact double through the 2^52 trick.
        Vector256<ulong> biased = Avx2.And(Avx2.ShiftRightLogical(u, 52), Vector256.Create(0x7FFUL));
        var exponent = Avx.Subtract(Avx2.Or(biased, Vector256.Create(0x4330000000000000UL)).AsDouble(), Vector256.Create(4503599627370496.0 + 1023.0));
        var m = Avx2.Or(Avx2.And(u, Vector256.Create(0x000FFFFFFFFFFFFFUL)), Vector256.Create(0x3FF0000000000000UL)).AsDouble();
        var t = Avx.Subtract(m, Vector256.Create(1.0));
        var q1 = Fma.MultiplyAdd(t, Vector256.Create(0.2), Vector256.Create(-0.25));
        var q2 = Fma.MultiplyAdd(t, q1, Vector256.Create(0.333333333));
        var q3 = Fma.MultiplyAdd(t, q2, Vector256.Create(-0.5));
        var q4 = Fma.MultiplyAdd(q3, t, Vector256.Create(1.0));
        var e = Avx.Multiply(exponent, Vector256.Create(0.6931471805599453));
        return Fma.MultiplyAdd(t, q4, e);
    }
}
