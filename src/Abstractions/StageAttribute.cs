namespace Midicoth;

/// <summary>
/// Declares one model stage of a compressor. Stages are listed in data-flow order: a <see cref="StageKind.Ppm"/>
/// stage first (it produces the base distribution), then any of the blending stages. Parameters a stage does not
/// take are ignored by it; the defaults are the values of the Midicoth paper.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class StageAttribute : Attribute
{
    /// <summary>Declares a stage of the given kind.</summary>
    public StageAttribute(StageKind kind) => Kind = kind;

    /// <summary>The kind of model.</summary>
    public StageKind Kind { get; }

    /// <summary>PPM: the highest context order (0..12). Default 4.</summary>
    public int Order { get; set; } = 4;

    /// <summary>Match: the shortest context length looked up (the lengths are 4, 6, 8, 12, 16 within the range). Default 4.</summary>
    public int MinLength { get; set; } = 4;

    /// <summary>Match: the longest context length looked up. Default 16.</summary>
    public int MaxLength { get; set; } = 16;

    /// <summary>HighOrder: the lowest context order (1..32). Default 5.</summary>
    public int MinOrder { get; set; } = 5;

    /// <summary>HighOrder: the highest context order (MinOrder..32). Default 8.</summary>
    public int MaxOrder { get; set; } = 8;
}
