namespace Midicoth.Models;

/// <summary>
/// The fixed parts of every topology's per-byte step, shared by the run-time pipeline and generated codecs:
/// the base prediction (PPM, then a second normalisation that the reference also does: it is not a no-op) and
/// the finish (denoiser if any, the final normalisation, coder frequencies).
/// </summary>
public static class PipelineSteps
{
    public static void Base(ref PpmModel ppm, ReadOnlySpan<byte> history, Span<double> probs, out double confidence, out int order)
    {
        // PPM's own normalisation and the second one, with PPM's multiply by 1/sum carried into the second pass.
        double sum = ppm.PredictClamped(history, probs, out confidence, out order);
        sum = Distribution.ScaleClampSum(probs, 1.0 / sum);
        Distribution.Scale(probs, 1.0 / sum);
    }

    public static uint Finish(ref TweedieDenoiser denoiser, Span<double> probs, int order, double confidence, Span<uint> cum)
    {
        denoiser.Denoise(probs, order, confidence);
        Distribution.ClampNormalize(probs);
        return CumulativeFrequencies.Build(probs, cum);
    }

    /// <summary>The finish of a topology without a denoiser.</summary>
    public static uint Finish(Span<double> probs, Span<uint> cum) => CumulativeFrequencies.Build(probs, cum);
}
