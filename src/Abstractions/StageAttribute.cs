namespace Midicoth;

/// <summary>
/// Declares one model stage of a compressor. Stages are listed in data-flow order: a <see cref="StageKind.Ppm"/>
/// stage first (it produces the base distribution), then any of the blending stages, then optionally the
/// denoiser. A stage reads only the parameters it takes (the generator warns about others, MDG0007); the
/// defaults are the values of the Midicoth paper. The parameter properties (<c>Order</c>, <c>MinLength</c>, …)
/// are generated from the stage catalog, with their ranges and defaults.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed partial class StageAttribute : Attribute
{
    /// <summary>Declares a stage of the given kind.</summary>
    public StageAttribute(StageKind kind) => Kind = kind;

    /// <summary>The kind of model.</summary>
    public StageKind Kind { get; }
}
