using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Midicoth.Models;

/// <summary>
/// The denoiser's per-node work, four nodes at a time. Only element-wise operations are used (no reductions,
/// no reassociation), and the fused multiply-adds are exactly those of the scalar fast_log (site F1), so the
/// result is bit-identical to <see cref="TweedieDenoiser"/>'s scalar path; tests run both.
/// </summary>
internal static class TweedieSimd
{
    private const int Symbols = 256;

    [ThreadStatic] private static double[]? t_scratch;

    /// <summary>Returns false (doing nothing) where 256-bit vectors are not hardware accelerated or a node is empty.</summary>
    public static bool TryCorrectNodes(
        ReadOnlySpan<double> tree, double[] delta, int stepBase, int[] nodeOffset,
        Span<double> cachedP, Span<byte> cachedBin, double[] splitLeft, double[] splitRight)
    {
        if (!Vector256.IsHardwareAccelerated) return false;
        double[] scratch = t_scratch ??= new double[3 * Symbols];
        Span<double> rightSums = scratch.AsSpan(0, Symbols);
        Span<double> binAsDouble = scratch.AsSpan(Symbols, Symbols);
        Span<double> deltas = scratch.AsSpan(2 * Symbols, Symbols);

        double minTotal = double.MaxValue;
        rightSums[0] = 0.5;
        for (int ni = 1; ni < Symbols; ni++)
        {
            rightSums[ni] = tree[2 * ni + 1];
            if (tree[ni] < minTotal) minTotal = tree[ni];
        }
        if (minTotal < 1e-15) return false;

        var pMin = Vector256.Create(TweedieDenoiser.PMin);
        var pMax = Vector256.Create(TweedieDenoiser.PMax);
        var one = Vector256.Create(1.0);
        var lastBin = Vector256.Create(19.0);
        ref double treeRef = ref Unsafe.AsRef(in tree[0]);
        // Node 0 does not exist; give it a harmless total so its lane computes finite junk that nothing reads.
        double savedRoot = tree[0];
        Unsafe.AsRef(in tree[0]) = 1.0;
        for (int ni = 0; ni < Symbols; ni += Vector256<double>.Count)
        {
            var total = Vector256.LoadUnsafe(ref treeRef, (nuint)ni);
            var p = Vector256.LoadUnsafe(ref rightSums[0], (nuint)ni) / total;
            p = Vector256.Min(Vector256.Max(p, pMin), pMax);
            p.StoreUnsafe(ref cachedP[0], (nuint)ni);
            var logit = FastLog(p / (one - p));
            var bin = (logit + Vector256.Create(8.0)) / Vector256.Create(16.0) * Vector256.Create(20.0);
            bin = Vector256.Min(Vector256.Max(bin, Vector256<double>.Zero), lastBin);
            bin.StoreUnsafe(ref binAsDouble[0], (nuint)ni);
        }
        Unsafe.AsRef(in tree[0]) = savedRoot;

        for (int ni = 1; ni < Symbols; ni++)
        {
            int bin = (int)binAsDouble[ni];
            cachedBin[ni] = (byte)bin;
            deltas[ni] = delta[stepBase + nodeOffset[ni] + bin];
        }
        deltas[0] = 0.0;

        for (int ni = 0; ni < Symbols; ni += Vector256<double>.Count)
        {
            var p = Vector256.LoadUnsafe(ref cachedP[0], (nuint)ni);
            var corrected = p + Vector256.LoadUnsafe(ref deltas[0], (nuint)ni);
            corrected = Vector256.Min(Vector256.Max(corrected, pMin), pMax);
            // With δ = 0 these are x/x = 1 exactly, as the scalar path's shortcut assumes.
            ((one - corrected) / (one - p)).StoreUnsafe(ref splitLeft[0], (nuint)ni);
            (corrected / p).StoreUnsafe(ref splitRight[0], (nuint)ni);
        }
        return true;
    }

    /// <summary><see cref="FastMath.FastLog"/> on four lanes, with the same fused steps.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> FastLog(Vector256<double> x)
    {
        Vector256<ulong> u = x.AsUInt64();
        // The biased exponent (0..2047) becomes an exact double through the 2^52 trick.
        Vector256<ulong> biased = (u >> 52) & Vector256.Create(0x7FFUL);
        var exponent = (biased | Vector256.Create(0x4330000000000000UL)).AsDouble() - Vector256.Create(4503599627370496.0 + 1023.0);
        var m = ((u & Vector256.Create(0x000FFFFFFFFFFFFFUL)) | Vector256.Create(0x3FF0000000000000UL)).AsDouble();
        var t = m - Vector256.Create(1.0);
        var q1 = Vector256.FusedMultiplyAdd(t, Vector256.Create(0.2), Vector256.Create(-0.25));
        var q2 = Vector256.FusedMultiplyAdd(t, q1, Vector256.Create(0.333333333));
        var q3 = Vector256.FusedMultiplyAdd(t, q2, Vector256.Create(-0.5));
        var q4 = Vector256.FusedMultiplyAdd(q3, t, Vector256.Create(1.0));
        var e = exponent * Vector256.Create(0.6931471805599453);
        return Vector256.FusedMultiplyAdd(t, q4, e);
    }
}
