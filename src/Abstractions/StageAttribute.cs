namespace Midicoth;

/// <summary>
/// Declares one model stage of a compressor. Stages are listed in data-flow order: a <see cref="StageKind.Ppm"/>
/// stage first (it produces the base distribution), then any of the blending stages, then optionally the
/// denoiser. A stage reads only the parameters it takes (the generator warns about others, MDG0007); the
/// defaults are the values of the Midicoth paper. Names, defaults and ranges here are the stage catalog's
/// (a test checks that they agree).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class StageAttribute : Attribute
{
    /// <summary>Declares a stage of the given kind.</summary>
    public StageAttribute(StageKind kind) => Kind = kind;

    /// <summary>The kind of model.</summary>
    public StageKind Kind { get; }

    /// <summary>Ppm: the highest context order, 0..12. Default 4.</summary>
    public int Order { get; set; } = 4;

    /// <summary>Match: the shortest context length looked up, one of 2,3,4,6,8,12,16,24,32 (the lengths of that list within MinLength..MaxLength are used). Default 4.</summary>
    public int MinLength { get; set; } = 4;

    /// <summary>Match: the longest context length looked up, one of 2,3,4,6,8,12,16,24,32. Default 16.</summary>
    public int MaxLength { get; set; } = 16;

    /// <summary>HighOrder: the lowest context order, 1..32. Default 5.</summary>
    public int MinOrder { get; set; } = 5;

    /// <summary>HighOrder: the highest context order, 1..32 (at least MinOrder). Default 8.</summary>
    public int MaxOrder { get; set; } = 8;

    /// <summary>Denoise: the number of correction steps, 1..8. Default 3.</summary>
    public int Steps { get; set; } = 3;
}
