using System.Runtime.CompilerServices;

namespace Midicoth.Models;

/// <summary>
/// The three ways the reference mixes a model's opinion into the running distribution.
/// <list type="bullet">
/// <item>match: w = min(conf·0.85, 0.95); p·(1−w) rounded, then p[byte] + w; clamp/normalise.</item>
/// <item>word: w = min(conf·0.35, 0.45); p = fma(p, 1−w, q·w) (site F2); skipped below conf 0.01.</item>
/// <item>high order: w = min(conf·2, 0.60); p = fma(p, 1−w, q·w) (site F3); skipped below conf 0.01.</item>
/// </list>
/// The two fused multiply-adds are where the reference's compiler contracted <c>p*(1-w) + q*w</c>; they change
/// the output of three corpus files, so they are kept exactly there.
/// </summary>
public static class Blend
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Match(Span<double> probs, int predictedByte, double confidence)
    {
        if (predictedByte < 0) return;
        double w = confidence * 0.85;
        if (w > 0.95) w = 0.95;
        double keep = 1.0 - w;
        // One pass of (scale, clamp, sum) around the predicted byte, which also gains w: p·(1−w) rounded, then + w.
        double sum = Distribution.ScaleClampSum(probs[..predictedByte], keep);
        double boosted = probs[predictedByte] * keep + w;
        if (boosted < Distribution.Floor) boosted = Distribution.Floor;
        probs[predictedByte] = boosted;
        sum = Distribution.ScaleClampSum(probs[(predictedByte + 1)..], keep, sum + boosted);
        Distribution.Scale(probs, 1.0 / sum);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Word(Span<double> probs, ReadOnlySpan<double> wordProbs, double confidence)
    {
        if (confidence < 0.01) return;
        double w = confidence * 0.35;
        if (w > 0.45) w = 0.45;
        Fused(probs, wordProbs, w);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void HighOrder(Span<double> probs, ReadOnlySpan<double> highProbs, double confidence)
    {
        if (confidence < 0.01) return;
        double w = confidence * 2.0;
        if (w > 0.60) w = 0.60;
        Fused(probs, highProbs, w);
    }

    /// <summary>p = fma(p, 1−w, q·w), clamp, sequential sum, then multiply by 1/sum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Fused(Span<double> probs, ReadOnlySpan<double> other, double w)
    {
        Distribution.Scale(probs, 1.0 / Distribution.FusedMixClampSum(probs, other, 1.0 - w, w));
    }
}
