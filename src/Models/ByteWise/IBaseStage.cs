namespace Midicoth.Models.ByteWise;

/// <summary>
/// The first stage of a byte-wise topology (role <c>Base</c> in the stage catalog): predicts a distribution over
/// the 256 byte values from the history alone, for the blending stages to mix into.
/// Implemented by structs, like every stage: a generated codec holds them as concrete fields.
/// </summary>
public interface IBaseStage
{
    /// <summary>Computes the context keys of <paramref name="history"/> and starts loading their table slots.
    /// Called for every stage before any prediction, so that the cache misses of all stages overlap.</summary>
    void Prepare(ReadOnlySpan<byte> history);

    /// <summary>Fills <paramref name="probs"/> (256 entries, normalised) and says which order it used, how confidently.</summary>
    Opinion PredictBase(ReadOnlySpan<byte> history, Span<double> probs);

    /// <summary>Learns that <paramref name="symbol"/> followed <paramref name="history"/>.</summary>
    void Update(ReadOnlySpan<byte> history, byte symbol);

    /// <summary>Bytes held by the stage's tables.</summary>
    long AllocatedBytes { get; }
}
