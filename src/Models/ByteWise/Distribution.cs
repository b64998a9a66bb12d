using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Midicoth.Models.ByteWise;

/// <summary>
/// Operations on a 256-symbol probability vector. The reference ends almost every stage with the same idiom:
/// clamp each entry to at least 1e-10, add them up strictly in index order, multiply by the reciprocal of the sum.
/// The order of that sum and the reciprocal multiply (not a division) decide the output bits, so both are kept.
/// Element-wise steps use 256-bit vectors where the hardware has them (the same operation on each element, so
/// the same bits); sums are never vectorised.
/// </summary>
public static class Distribution
{
    public const int Symbols = 256;
    public const double Floor = 1e-10;

    /// <summary>Clamp to <see cref="Floor"/>, sequential sum, multiply by 1/sum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ClampNormalize(Span<double> p) => Scale(p, 1.0 / ScaleClampSum(p, 1.0));

    /// <summary>
    /// p = max(p·<paramref name="factor"/>, <see cref="Floor"/>) per element, and the sum of the results in index
    /// order, added to <paramref name="sum"/>. One pass: the element-wise work is vectorised and hides in the
    /// latency of the sequential sum. A factor of 1.0 is exact (a plain clamp); a factor of 1/sum carries the
    /// previous normalisation into this pass (the same two roundings per element as two passes).
    /// </summary>
    public static double ScaleClampSum(Span<double> p, double factor, double sum = 0.0)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref double start = ref MemoryMarshal.GetReference(p);
            var f = Vector256.Create(factor);
            var floor = Vector256.Create(Floor);
            for (; i <= p.Length - 4; i += 4)
            {
                var v = Vector256.MaxNative(Vector256.LoadUnsafe(ref start, (nuint)i) * f, floor);
                v.StoreUnsafe(ref start, (nuint)i);
                sum = AddInOrder(sum, v);
            }
        }
        for (; i < p.Length; i++)
        {
            double v = p[i] * factor;
            if (v < Floor) v = Floor;
            p[i] = v;
            sum += v;
        }
        return sum;
    }

    /// <summary>sum + v0 + v1 + v2 + v3, one addition at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double AddInOrder(double sum, Vector256<double> v)
    {
        sum += v.GetElement(0);
        sum += v.GetElement(1);
        sum += v.GetElement(2);
        return sum + v.GetElement(3);
    }

    /// <summary>Multiply every entry by <paramref name="factor"/>.</summary>
    public static void Scale(Span<double> p, double factor)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref double start = ref MemoryMarshal.GetReference(p);
            var f = Vector256.Create(factor);
            for (; i <= p.Length - 4; i += 4)
            {
                (Vector256.LoadUnsafe(ref start, (nuint)i) * f).StoreUnsafe(ref start, (nuint)i);
            }
        }
        for (; i < p.Length; i++) p[i] *= factor;
    }

    /// <summary>p = fma(p, 1−w, q·w), clamp, sequential sum, then multiply by 1/sum: the word and high-order blends.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MixFused(Span<double> probs, ReadOnlySpan<double> other, double w) =>
        Scale(probs, 1.0 / FusedMixClampSum(probs, other, 1.0 - w, w));

    /// <summary>
    /// p = max(fma(p, keep, q·w), <see cref="Floor"/>) per element (the blends' fused sites F2 and F3), and the
    /// sum of the results in index order, in one pass.
    /// </summary>
    public static double FusedMixClampSum(Span<double> p, ReadOnlySpan<double> q, double keep, double w)
    {
        q = q[..p.Length];
        double sum = 0.0;
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref double ps = ref MemoryMarshal.GetReference(p);
            ref double qs = ref MemoryMarshal.GetReference(q);
            var keepV = Vector256.Create(keep);
            var wV = Vector256.Create(w);
            var floor = Vector256.Create(Floor);
            for (; i <= p.Length - 4; i += 4)
            {
                var mixed = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref ps, (nuint)i), keepV, Vector256.LoadUnsafe(ref qs, (nuint)i) * wV);
                var v = Vector256.MaxNative(mixed, floor);
                v.StoreUnsafe(ref ps, (nuint)i);
                sum = AddInOrder(sum, v);
            }
        }
        for (; i < p.Length; i++)
        {
            double v = Math.FusedMultiplyAdd(p[i], keep, q[i] * w);
            if (v < Floor) v = Floor;
            p[i] = v;
            sum += v;
        }
        return sum;
    }

    /// <summary>The largest entry (0 for none); max is exact in any order.</summary>
    public static double Max(ReadOnlySpan<double> p)
    {
        double max = 0.0;
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref double start = ref MemoryMarshal.GetReference(p);
            var m = Vector256<double>.Zero;
            for (; i <= p.Length - 4; i += 4) m = Vector256.MaxNative(m, Vector256.LoadUnsafe(ref start, (nuint)i));
            max = Math.Max(Math.Max(m[0], m[1]), Math.Max(m[2], m[3]));
        }
        for (; i < p.Length; i++)
        {
            if (p[i] > max) max = p[i];
        }
        return max;
    }
}
