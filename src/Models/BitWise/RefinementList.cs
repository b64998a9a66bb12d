namespace Midicoth.Models.BitWise;

/// <summary>The refinements of a topology chosen at run time, in order, each called through <see cref="IBitRefinement"/>.</summary>
public sealed class RefinementList(IBitRefinement[] stages) : IBitRefinement
{
    /// <inheritdoc/>
    public long AllocatedBytes => stages.Sum(s => s.AllocatedBytes);

    /// <inheritdoc/>
    public int Refine(int p, in BitContext context)
    {
        foreach (IBitRefinement stage in stages) p = stage.Refine(p, context);
        return p;
    }

    /// <inheritdoc/>
    public void Update(int bit)
    {
        foreach (IBitRefinement stage in stages) stage.Update(bit);
    }
}
