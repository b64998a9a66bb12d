using System.Globalization;

namespace Midicoth.Models;

/// <summary>One stage of a topology: its kind and up to two integer parameters, in the catalog's order.</summary>
public readonly record struct StageSpec(StageKind Kind, int A = 0, int B = 0)
{
    internal int[] Values(int count) => count switch { 0 => [], 1 => [A], _ => [A, B] };
}

/// <summary>
/// A compressor's topology: a base stage (PPM), then blending stages in data-flow order, then an optional
/// denoiser. Its text form is what the run-time pipeline, our frame and the CLI speak, e.g. the paper's
/// <c>ppm:4,match,word,highorder,denoise:3</c>. Stage names and parameters come from the stage catalog:
/// <c>ppm:ORDER</c> (0..12), <c>match:MIN-MAX</c> (lengths from 2,3,4,6,8,12,16,24,32; default 4-16),
/// <c>word</c>, <c>highorder:MIN-MAX</c> (1..32, default 5-8), <c>denoise:STEPS</c> (1..8).
/// </summary>
public sealed class Topology : IEquatable<Topology>
{
    /// <summary>The paper's compressor.</summary>
    public static Topology Paper { get; } = Parse("ppm:4,match,word,highorder,denoise:3");

    public Topology(IReadOnlyList<StageSpec> stages, int denoiseSteps)
    {
        Stages = stages.ToArray();
        DenoiseSteps = denoiseSteps;
        string? error = Validate(Stages, denoiseSteps);
        if (error != null) throw new ArgumentException(error);
        Text = Format(Stages, denoiseSteps);
    }

    public IReadOnlyList<StageSpec> Stages { get; }

    /// <summary>0 when there is no denoiser.</summary>
    public int DenoiseSteps { get; }

    /// <summary>The canonical text form (parameters at their defaults omitted, except PPM's order).</summary>
    public string Text { get; }

    public int PpmOrder => Stages[0].A;

    public bool IsPaper => Text == Paper.Text;

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
            error = "empty topology: a topology starts with a 'ppm' stage";
            return false;
        }
        var stages = new List<StageSpec>();
        int denoise = 0;
        foreach (string rawPart in text.Split(','))
        {
            string part = rawPart.Trim();
            int colon = part.IndexOf(':');
            string name = colon < 0 ? part : part[..colon];
            string? arg = colon < 0 ? null : part[(colon + 1)..];
            if (denoise > 0)
            {
                error = "'denoise' must be the last stage";
                return false;
            }
            if (name.Equals(StageCatalog.DenoiseName, StringComparison.OrdinalIgnoreCase))
            {
                if (!TryParseInt(arg ?? StageCatalog.DenoiseSteps.Default.ToString(CultureInfo.InvariantCulture), out denoise)
                    || !StageCatalog.DenoiseSteps.Accepts(denoise))
                {
                    error = $"denoise steps must be {StageCatalog.DenoiseSteps.Describe()}";
                    return false;
                }
                continue;
            }
            StageDescriptor? stage = StageCatalog.Find(name);
            if (stage == null)
            {
                error = $"unknown stage '{name}' (expected {string.Join(", ", StageCatalog.All.Select(d => d.Name))} or denoise)";
                return false;
            }
            if (!TryParseValues(stage, arg, out int[] values))
            {
                error = $"bad parameters '{arg}' for {stage.Name} ({Syntax(stage)})";
                return false;
            }
            stages.Add(new StageSpec((StageKind)stage.Kind, values.Length > 0 ? values[0] : 0, values.Length > 1 ? values[1] : 0));
        }
        error = Validate(stages, denoise);
        if (error != null) return false;
        topology = new Topology(stages, denoise);
        return true;
    }

    private static string Syntax(StageDescriptor stage) => stage.Parameters.Length switch
    {
        0 => $"'{stage.Name}' takes no parameter",
        1 => $"{stage.Name}:{stage.Parameters[0].Name.ToUpperInvariant()}",
        _ => $"{stage.Name}:{stage.Parameters[0].Name.ToUpperInvariant()}-{stage.Parameters[1].Name.ToUpperInvariant()}",
    };

    private static bool TryParseValues(StageDescriptor stage, string? arg, out int[] values)
    {
        values = stage.Parameters.Select(p => p.Default).ToArray();
        if (arg == null) return true;
        string[] parts = stage.Parameters.Length == 2 ? arg.Split('-') : [arg];
        if (parts.Length != stage.Parameters.Length) return false;
        for (int i = 0; i < parts.Length; i++)
        {
            if (!TryParseInt(parts[i], out values[i])) return false;
        }
        return true;
    }

    private static bool TryParseInt(string s, out int value) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    /// <summary>The reason the stages cannot form a topology, or null.</summary>
    public static string? Validate(IReadOnlyList<StageSpec> stages, int denoiseSteps)
    {
        if (stages.Count == 0 || StageCatalog.Find((int)stages[0].Kind) is not { IsBase: true })
        {
            return "a topology starts with a 'ppm' stage";
        }
        var seen = new HashSet<StageKind>();
        for (int i = 0; i < stages.Count; i++)
        {
            StageSpec s = stages[i];
            StageDescriptor? stage = StageCatalog.Find((int)s.Kind);
            if (stage == null) return $"unknown stage kind {(int)s.Kind}";
            if (!seen.Add(s.Kind)) return $"stage '{stage.Name}' appears twice";
            if (stage.IsBase && i > 0) return $"'{stage.Name}' must be the first stage";
            string? error = StageCatalog.CheckParameters(stage, s.Values(stage.Parameters.Length));
            if (error != null) return error;
        }
        if (denoiseSteps != 0 && !StageCatalog.DenoiseSteps.Accepts(denoiseSteps))
        {
            return $"denoise steps must be {StageCatalog.DenoiseSteps.Describe()}";
        }
        return null;
    }

    public static string Name(StageKind kind) => StageCatalog.Find((int)kind)?.Name ?? kind.ToString().ToLowerInvariant();

    private static string Format(IReadOnlyList<StageSpec> stages, int denoiseSteps) =>
        StageCatalog.Format(
            stages.Select(s => new KeyValuePair<int, int[]>((int)s.Kind, s.Values(StageCatalog.Find((int)s.Kind)!.Parameters.Length))),
            denoiseSteps);
}
