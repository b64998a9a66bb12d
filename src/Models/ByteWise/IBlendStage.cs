namespace Midicoth.Models.ByteWise;

/// <summary>
/// A stage that mixes its opinion into the running distribution (role <c>Blend</c>: match, word, high order, and
/// any new kind). Each stage's blend formula lives in its own model. Implemented by structs: generated codecs
/// hold them as concrete fields, so the JIT calls them directly; the run-time pipeline calls them through this
/// interface.
/// </summary>
public interface IBlendStage
{
    /// <summary>Computes the context keys of <paramref name="history"/> and starts loading their table slots.
    /// Called for every stage before any prediction, so that the cache misses of all stages overlap.</summary>
    void Prepare(ReadOnlySpan<byte> history);

    /// <summary>Predicts the next byte and blends the prediction into <paramref name="probs"/> (which stays
    /// normalised). <paramref name="scratch"/> is 256 doubles the stage may overwrite. Returns what it predicted.</summary>
    Opinion Blend(ReadOnlySpan<byte> history, Span<double> probs, Span<double> scratch);

    /// <summary>Learns that <paramref name="symbol"/> followed <paramref name="history"/>. Follows <see cref="Blend"/>.</summary>
    void Update(ReadOnlySpan<byte> history, byte symbol);

    /// <summary>Bytes held by the stage's tables.</summary>
    long AllocatedBytes { get; }
}
