namespace Midicoth.Models.ByteWise;

/// <summary>The blending stages of a topology chosen at run time: an array, each stage called through <see cref="IBlendStage"/>.</summary>
public readonly struct BlendList(IBlendStage[] stages) : IBlendChain
{
    /// <inheritdoc/>
    public void Prepare(ReadOnlySpan<byte> history)
    {
        foreach (IBlendStage stage in stages) stage.Prepare(history);
    }

    /// <inheritdoc/>
    public void Blend(ReadOnlySpan<byte> history, Span<double> probs, Span<double> scratch)
    {
        foreach (IBlendStage stage in stages) stage.Blend(history, probs, scratch);
    }

    /// <inheritdoc/>
    public void Update(ReadOnlySpan<byte> history, byte symbol)
    {
        foreach (IBlendStage stage in stages) stage.Update(history, symbol);
    }
}
