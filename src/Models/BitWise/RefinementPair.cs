using System.Runtime.CompilerServices;

namespace Midicoth.Models.BitWise;

/// <summary>
/// Two refinements as one: <typeparamref name="TFirst"/> refines the mixer's probability, then
/// <typeparamref name="TSecond"/> refines that. Generated codecs nest pairs of their concrete refinements, ending in
/// <see cref="NoRefinement"/> when there are none.
/// </summary>
public struct RefinementPair<TFirst, TSecond>(TFirst first, TSecond second) : IBitRefinement
    where TFirst : IBitRefinement
    where TSecond : IBitRefinement
{
    private TFirst _first = first;
    private TSecond _second = second;

    /// <inheritdoc/>
    public readonly long AllocatedBytes => _first.AllocatedBytes + _second.AllocatedBytes;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Refine(int p, in BitContext context) => _second.Refine(_first.Refine(p, context), context);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Update(int bit)
    {
        _first.Update(bit);
        _second.Update(bit);
    }
}

/// <summary>No refinement: the mixer's probability is coded as it is.</summary>
public struct NoRefinement : IBitRefinement
{
    /// <inheritdoc/>
    public readonly long AllocatedBytes => 0;

    /// <inheritdoc/>
    public readonly int Refine(int p, in BitContext context) => p;

    /// <inheritdoc/>
    public readonly void Update(int bit) { }
}
