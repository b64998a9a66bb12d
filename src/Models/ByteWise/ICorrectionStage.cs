namespace Midicoth.Models.ByteWise;

/// <summary>
/// The last stage of a byte-wise topology (role <c>Correction</c>: the Tweedie denoiser): corrects the blended
/// distribution, knowing what the base stage said, and leaves it normalised for the coder.
/// </summary>
public interface ICorrectionStage
{
    /// <summary>Corrects <paramref name="probs"/> in place.</summary>
    void Correct(Span<double> probs, Opinion basis);

    /// <summary>Learns that the byte was <paramref name="symbol"/>. Follows <see cref="Correct"/>.</summary>
    void Update(byte symbol);

    /// <summary>Bytes held by the stage's tables.</summary>
    long AllocatedBytes { get; }
}
