using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Midicoth.Models;

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
    /// Scratch: <paramref name="tree"/> (512: node sums at 1..255, leaves at 256..511, entry 0 unused),
    /// <paramref name="work"/> (4 × 256: right-child sums, left and right split factors, looked-up δ) and
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
            double* deltas = w + 3 * Symbols;
            BuildTree(p, t, rightSums);
            if (!CorrectNodes(t, rightSums, d, stepBase, offsets, cp, bins, deltas, splitLeft, splitRight)) return -1.0;
            PushScalesDown(sc, splitLeft, splitRight);
            return ScaleLeavesAndNormalise(p, sc + Symbols);
        }
    }

    /// <summary>Sum tree bottom-up: node i = node 2i + node 2i+1; right-child sums kept for the node pass.</summary>
    private static void BuildTree(double* probs, double* tree, double* rightSums)
    {
        Buffer.MemoryCopy(probs, tree + Symbols, Symbols * sizeof(double), Symbols * sizeof(double));
        for (int first = Symbols / 2; first >= 4; first >>= 1)
        {
            for (int ni = first; ni < 2 * first; ni += 4)
            {
                var a = Avx.LoadVector256(tree + 2 * ni);
                var b = Avx.LoadVector256(tree + 2 * ni + 4);
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
        double* cachedP, int* cachedBin, double* deltas, double* splitLeft, double* splitRight)
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
            var logit = FastLog(Avx.Divide(p, Avx.Subtract(one, p)));
            var binValue = Avx.Multiply(Avx.Multiply(Avx.Add(logit, Vector256.Create(8.0)), Vector256.Create(0.0625)), Vector256.Create(20.0));
            binValue = Avx.Min(Avx.Max(binValue, Vector256<double>.Zero), lastBin);
            Vector128<int> bin = Avx.ConvertToVector128Int32WithTruncation(binValue);
            Sse2.Store(cachedBin + ni, bin);
            Vector128<int> index = Sse2.Add(Sse2.Add(baseIndex, Sse2.LoadVector128(offsets + ni)), bin);
            Avx.Store(deltas + ni, Avx2.GatherVector256(delta, index, 8));
        }
        // A second pass keeps each loop's dependency chain short enough for the CPU to overlap iterations.
        for (int ni = 0; ni < Symbols; ni += 4)
        {
            var p = Avx.LoadVector256(cachedP + ni);
            var corrected = Avx.Min(Avx.Max(Avx.Add(p, Avx.LoadVector256(deltas + ni)), pMin), pMax);
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
        for (int i = 0; i < Symbols; i += 4)
        {
            Avx.Store(probs + i, Avx.Max(Avx.Multiply(Avx.LoadVector256(probs + i), Avx.LoadVector256(leafScale + i)), floor));
        }
        var inv = Vector256.Create(1.0 / Distribution.SequentialSum(new ReadOnlySpan<double>(probs, Symbols)));
        var max = Vector256<double>.Zero;
        for (int i = 0; i < Symbols; i += 4)
        {
            var v = Avx.Multiply(Avx.LoadVector256(probs + i), inv);
            Avx.Store(probs + i, v);
            max = Avx.Max(max, v);
        }
        return Math.Max(Math.Max(max[0], max[1]), Math.Max(max[2], max[3]));
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
