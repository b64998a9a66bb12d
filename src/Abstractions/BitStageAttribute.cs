namespace Midicoth;

/// <summary>
/// Makes a struct of your own a bit-wise stage that topologies can declare beside the built-in ones
/// (<c>[Stage&lt;T&gt;]</c>, or its <see cref="Name"/> in topology text), compiled into the generated loop exactly as
/// they are. The struct implements <c>IBitPredictor</c> (constructor: its parameters as <c>int</c>s, then the
/// block's <c>long inputLength</c>) or <c>IBitRefinement</c> (constructor: its parameters); each parameter is
/// declared with <see cref="StageParameterAttribute"/> and named like its constructor parameter. The generator
/// registers the stage with the run-time pipeline (no reflection), so the frame can name it and any build that
/// contains it decodes the files; other builds refuse them in one line naming the stage.
/// </summary>
[AttributeUsage(AttributeTargets.Struct | AttributeTargets.Class, Inherited = false)]
public sealed class BitStageAttribute(string name) : Attribute
{
    /// <summary>
    /// The stage's name in topology text and in the frame: an owner, a dot, then the stage, in lower-case letters,
    /// digits and '-' (e.g. <c>acme.csv-field</c>), at most 64 characters. The dot keeps it apart from the built-in
    /// names; keep it stable, since files name the stage by it.
    /// </summary>
    public string Name { get; } = name;

    /// <summary>Predictors: how many mixer inputs the stage writes per bit (its <c>InputCount</c>), 1..32.</summary>
    public int Inputs { get; set; } = 1;

    /// <summary>
    /// The most bytes the stage allocates, from its parameters: integer arithmetic over their names, e.g.
    /// <c>"(1 &lt;&lt; Bits) * 2 + 1024"</c> (<c>* /</c>, <c>+ -</c>, <c>&lt;&lt;</c>, parentheses). Decoders refuse a
    /// file whose stages need more than their limit before allocating anything, so it must never be below what the
    /// stage allocates (<c>StageMemoryAudit</c> measures it in your tests). The library adds 16 KiB of bookkeeping.
    /// </summary>
    public string Memory { get; set; } = "0";

    /// <summary>One line for the generated codec's documentation.</summary>
    public string Summary { get; set; } = "";
}

/// <summary>
/// One integer parameter of a <see cref="BitStageAttribute"/> stage: its name (as the constructor parameter that takes
/// it, ignoring case), default and range. Values are stored a byte each in the frame, so ranges lie within 0..255.
/// </summary>
[AttributeUsage(AttributeTargets.Struct | AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class StageParameterAttribute(string name, int defaultValue, int min, int max) : Attribute
{
    /// <summary>The parameter's name: its constructor parameter's (ignoring case), and its name in memory figures.</summary>
    public string Name { get; } = name;

    /// <summary>The value when a topology does not give one.</summary>
    public int Default { get; } = defaultValue;

    /// <summary>The smallest value accepted (at least 0).</summary>
    public int Min { get; } = min;

    /// <summary>The largest value accepted (at most 255).</summary>
    public int Max { get; } = max;

    /// <summary>What it sets, for documentation.</summary>
    public string Meaning { get; set; } = "";
}

/// <summary>
/// Declares a stage of your own (a struct with <see cref="BitStageAttribute"/>) in a compressor, at its place in
/// data-flow order like any <see cref="StageAttribute"/>: <c>[Stage&lt;CsvField&gt;]</c> for its defaults,
/// <c>[Stage&lt;CsvField&gt;(20)]</c> for its parameters in constructor order.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class StageAttribute<T>(params int[] values) : Attribute where T : struct
{
    /// <summary>The parameter values in the stage's constructor order; empty for the defaults.</summary>
    public int[] Values { get; } = values;
}
