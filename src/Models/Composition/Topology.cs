using System.Globalization;

namespace Midicoth.Models.Composition;

/// <summary>
/// A compressor's topology: its stages in data-flow order. Its text form is what the run-time pipeline, our
/// frame and the CLI speak, e.g. the paper's <c>ppm:4,match,word,highorder,denoise:3</c>: stage names with their
/// parameters as <c>name:A-B-…</c> in the stage catalog's order (<c>StageCatalog.cs</c>: names, ranges, defaults,
/// and which stage may stand where).
/// </summary>
public sealed class Topology : IEquatable<Topology>
{
    /// <summary>The paper's compressor.</summary>
    public static Topology Paper { get; } = Parse("ppm:4,match,word,highorder,denoise:3");

    /// <summary>A topology of <paramref name="stages"/>; throws <see cref="ArgumentException"/> if they cannot run.</summary>
    public Topology(IReadOnlyList<StageSpec> stages)
    {
        Stages = stages.ToArray();
        string? error = Validate(Stages);
        if (error != null) throw new ArgumentException(error);
        Text = StageCatalog.Format(Stages.Select(s => new KeyValuePair<StageDescriptor, int[]>(s.Descriptor, s.ValueArray)));
        _descriptors = Stages.Select(s => s.Descriptor).ToArray();
        Transforms = Stages.Take(StageCatalog.TransformsAt(_descriptors)).ToArray();
        Models = Transforms.Count == 0 ? this : new Topology(Stages.Skip(Transforms.Count).ToArray());
    }

    private readonly StageDescriptor[] _descriptors;

    public IReadOnlyList<StageSpec> Stages { get; }

    /// <summary>The canonical text form (see <c>StageCatalog.Format</c>).</summary>
    public string Text { get; }

    public bool IsPaper => Text == Paper.Text;

    /// <summary>The stage of <paramref name="kind"/>, or null.</summary>
    public StageSpec? Stage(StageKind kind) => Stages.FirstOrDefault(s => s.Kind == kind);

    public override string ToString() => Text;

    public bool Equals(Topology? other) => other is not null && other.Text == Text;

    public override bool Equals(object? obj) => Equals(obj as Topology);

    public override int GetHashCode() => Text.GetHashCode(StringComparison.Ordinal);

    /// <summary>Parses the text form; throws <see cref="FormatException"/> with a one-line reason.</summary>
    public static Topology Parse(string text)
    {
        if (!TryParse(text, out Topology? topology, out string? error)) throw new FormatException(error);
        return topology!;
    }

    public static bool TryParse(string text, out Topology? topology, out string? error)
    {
        topology = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = $"empty topology: a topology starts with a base stage ({StageCatalog.NamesOf(StageRole.Base)}) or bit predictors ({StageCatalog.NamesOf(StageRole.BitPredictor)})";
            return false;
        }
        var stages = new List<StageSpec>();
        foreach (string part in text.Split(','))
        {
            StageSpec? stage = TryParseStage(part, out error);
            if (stage == null) return false;
            stages.Add(stage);
        }
        error = Validate(stages);
        if (error != null) return false;
        topology = new Topology(stages);
        return true;
    }

    /// <summary>One stage's text, e.g. <c>ctx:2-22</c> (its parameters checked; not whether it can stand alone); throws <see cref="FormatException"/>.</summary>
    public static StageSpec ParseStage(string text)
    {
        StageSpec? stage = TryParseStage(text, out string? error);
        if (stage == null || (error = StageCatalog.CheckParameters(stage.Descriptor, stage.ValueArray)) != null) throw new FormatException(error);
        return stage;
    }

    private static StageSpec? TryParseStage(string text, out string? error)
    {
        string part = text.Trim();
        int colon = part.IndexOf(':');
        string name = colon < 0 ? part : part[..colon];
        string? arg = colon < 0 ? null : part[(colon + 1)..];
        StageDescriptor? stage = StageCatalog.Find(name) ?? StageRegistry.Find(name);
        if (stage == null)
        {
            error = $"unknown stage '{name}' (expected {string.Join(", ", StageCatalog.All.Select(d => d.Name).Concat(StageRegistry.Names))})";
            return null;
        }
        if (!TryParseValues(stage, arg, out int[] values))
        {
            error = stage.Parameters.Length == 0
                ? $"'{stage.Name}' takes no parameter"
                : $"bad parameters '{arg}' for {stage.Name} ({stage.Syntax()})";
            return null;
        }
        error = null;
        return new StageSpec(stage, values);
    }

    private static bool TryParseValues(StageDescriptor stage, string? arg, out int[] values)
    {
        values = stage.Defaults();
        if (arg == null) return true;
        string[] parts = arg.Split('-');
        if (parts.Length != stage.Parameters.Length) return false;
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out values[i])) return false;
        }
        return true;
    }

    /// <summary>The reason the stages cannot form a topology, or null.</summary>
    public static string? Validate(IReadOnlyList<StageSpec> stages)
    {
        foreach (StageSpec s in stages)
        {
            string? error = StageCatalog.CheckParameters(s.Descriptor, s.ValueArray);
            if (error != null) return error;
        }
        return StageCatalog.CheckTopology(stages.Select(s => s.Descriptor).ToArray(), stages.Select(s => s.ValueArray).ToArray())?.Message;
    }

    /// <summary>The transforms at the head of the topology (none for most): they rewrite each block before the models see it.</summary>
    public IReadOnlyList<StageSpec> Transforms { get; }

    /// <summary>The topology without its transforms: the models that code the rewritten block.</summary>
    public Topology Models { get; }

    /// <summary>The most bytes a block of <paramref name="length"/> bytes becomes through the transforms (<paramref name="length"/> without).</summary>
    public long RewrittenLength(long length) => StageCatalog.RewrittenLengthOf(_descriptors, length);

    /// <summary>Whether this is a bit-wise topology (predictors, a mixer, refinements; byte-wise stages may stand before a bridge).</summary>
    public bool IsBitWise => StageCatalog.IsBitWise(_descriptors);

    /// <summary>The most bytes this topology's tables take, known before anything is allocated; null for byte-wise topologies (their tables grow with the input).</summary>
    public long? MemoryBytes => MemoryBytesFor(long.MaxValue);

    /// <summary>The most bytes this topology's models take for a block of <paramref name="blockLength"/> bytes (short blocks get smaller tables); null for byte-wise topologies.</summary>
    public long? MemoryBytesFor(long blockLength) =>
        StageCatalog.MemoryFor(_descriptors, Stages.Select(s => s.ValueArray).ToArray(), blockLength);

    /// <summary>The number of mixer inputs of a bit-wise topology (bias included).</summary>
    public int MixerInputs => StageCatalog.InputsOf(_descriptors, Stages.Select(s => s.ValueArray).ToArray());

    /// <summary>
    /// The longest content a payload of <paramref name="payloadBytes"/> can code: no byte costs less than 0.022 bits
    /// byte-wise, or 8 × 0.00035 bits bit-wise (12-bit probabilities). Transforms restore at most about what they
    /// rewrote (a re-deflated stream is not longer than its inflated form and its header), so twice that bounds them.
    /// </summary>
    public long MaxDecodedLength(long payloadBytes) => (payloadBytes * 8 + 64) * (IsBitWise ? 355 : 45) * (Transforms.Count > 0 ? 2 : 1);

    /// <summary>
    /// The largest payload <paramref name="length"/> bytes can code to: under 15 bits a byte byte-wise, under 8 × 12
    /// bits bit-wise, of the block as the transforms rewrite it at most (and the rewritten length, a varint).
    /// </summary>
    public long MaxPayloadLength(long length)
    {
        long rewritten = RewrittenLength(length);
        return rewritten > (1L << 40) ? long.MaxValue : (IsBitWise ? 12L : 2L) * rewritten + 64 + (Transforms.Count > 0 ? 10 : 0);
    }
}
