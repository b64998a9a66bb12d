namespace Midicoth.Models.ByteWise;

/// <summary>The correction of a topology without one: the blended distribution goes to the coder as it is.</summary>
public struct NoCorrection : ICorrectionStage
{
    /// <inheritdoc/>
    public readonly long AllocatedBytes => 0;

    /// <inheritdoc/>
    public readonly void Correct(Span<double> probs, Opinion basis) { }

    /// <inheritdoc/>
    public readonly void Update(byte symbol) { }
}
