namespace Midicoth.Models.ByteWise;

/// <summary>
/// The blending stages of a topology, in order, as one unit of <see cref="ByteStep{TBase, TBlends, TCorrection}"/>:
/// a compile-time list (<see cref="BlendChain{TFirst, TRest}"/> ending in <see cref="NoBlends"/>) for generated
/// codecs, or a run-time array (<see cref="BlendList"/>) for the pipeline.
/// </summary>
public interface IBlendChain
{
    /// <summary>Every stage's <see cref="IBlendStage.Prepare"/>, in order.</summary>
    void Prepare(ReadOnlySpan<byte> history);

    /// <summary>Every stage's <see cref="IBlendStage.Blend"/>, in order.</summary>
    void Blend(ReadOnlySpan<byte> history, Span<double> probs, Span<double> scratch);

    /// <summary>Every stage's <see cref="IBlendStage.Update"/>, in order.</summary>
    void Update(ReadOnlySpan<byte> history, byte symbol);
}
