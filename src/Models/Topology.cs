using System.Text;

namespace Midicoth.Models;

/// <summary>One stage of a topology: its kind and its two integer parameters (meaning depends on the kind).</summary>
public readonly record struct StageSpec(StageKind Kind, int A = 0, int B = 0)
{
    public static StageSpec Ppm(int order = 4) => new(StageKind.Ppm, order);
    public static StageSpec Match(int minLength = 4, int maxLength = 16) => new(StageKind.Match, minLength, maxLength);
    public static StageSpec Word() => new(StageKind.Word);
    public static StageSpec HighOrder(int minOrder = 5, int maxOrder = 8) => new(StageKind.HighOrder, minOrder, maxOrder);
}

/// <summary>
/// A compressor's topology: a PPM stage, then blending stages in data-flow order, then an optional denoiser.
/// Its text form is what the run-time pipeline, our frame and the CLI speak, e.g. the paper's
/// <c>ppm:4,match,word,highorder,denoise:3</c>. Parameters: <c>ppm:ORDER</c> (0..12),
/// <c>match:MIN-MAX</c> (context lengths from 2,3,4,6,8,12,16,24,32 within the range; default 4-16),
/// <c>word</c>, <c>highorder:MIN-MAX</c> (1..32, default 5-8), <c>denoise:STEPS</c> (1..8).
/// </summary>
public sealed class Topology : IEquatable<Topology>
{
    public const int MaxPpmOrder = 12;
    public const int MaxDenoiseSteps = 8;
    public const int MaxHighOrder = 32;

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

    /// <summary>The canonical text form (defaults omitted).</summary>
    public string Text { get; }

    public int PpmOrder => Stages[0].A;

    public bool IsPaper => Text == "ppm:4,match,word,highorder,denoise:3";

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
            string part = rawPart.Trim().ToLowerInvariant();
            int colon = part.IndexOf(':');
            string name = colon < 0 ? part : part[..colon];
            string? arg = colon < 0 ? null : part[(colon + 1)..];
            if (denoise > 0)
            {
                error = "'denoise' must be the last stage";
                return false;
            }
            switch (name)
            {
                case "ppm":
                    if (!ParseInt(arg, 4, out int order)) { error = $"bad PPM order '{arg}'"; return false; }
                    stages.Add(StageSpec.Ppm(order));
                    break;
                case "match":
                    if (!ParseRange(arg, 4, 16, out int lo, out int hi)) { error = $"bad match range '{arg}'"; return false; }
                    stages.Add(StageSpec.Match(lo, hi));
                    break;
                case "word":
                    if (arg != null) { error = "'word' takes no parameter"; return false; }
                    stages.Add(StageSpec.Word());
                    break;
                case "highorder":
                    if (!ParseRange(arg, 5, 8, out lo, out hi)) { error = $"bad high-order range '{arg}'"; return false; }
                    stages.Add(StageSpec.HighOrder(lo, hi));
                    break;
                case "denoise":
                    if (!ParseInt(arg, 3, out denoise) || denoise < 1 || denoise > MaxDenoiseSteps)
                    {
                        error = $"denoise steps must be 1..{MaxDenoiseSteps}";
                        return false;
                    }
                    break;
                default:
                    error = $"unknown stage '{name}' (expected ppm, match, word, highorder or denoise)";
                    return false;
            }
        }
        error = Validate(stages, denoise);
        if (error != null) return false;
        topology = new Topology(stages, denoise);
        return true;
    }

    private static bool ParseInt(string? arg, int fallback, out int value)
    {
        value = fallback;
        return arg == null || int.TryParse(arg, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value);
    }

    private static bool ParseRange(string? arg, int lo, int hi, out int min, out int max)
    {
        min = lo;
        max = hi;
        if (arg == null) return true;
        int dash = arg.IndexOf('-');
        if (dash < 0) return false;
        return ParseInt(arg[..dash], lo, out min) && ParseInt(arg[(dash + 1)..], hi, out max);
    }

    /// <summary>The reason the stages cannot form a topology, or null.</summary>
    public static string? Validate(IReadOnlyList<StageSpec> stages, int denoiseSteps)
    {
        if (stages.Count == 0 || stages[0].Kind != StageKind.Ppm) return "a topology starts with a 'ppm' stage";
        var seen = new HashSet<StageKind>();
        foreach (StageSpec s in stages)
        {
            if (!seen.Add(s.Kind)) return $"stage '{Name(s.Kind)}' appears twice";
            switch (s.Kind)
            {
                case StageKind.Ppm when s.A < 0 || s.A > MaxPpmOrder:
                    return $"PPM order must be 0..{MaxPpmOrder}";
                case StageKind.Match when s.A > s.B || !HasMatchLength(s.A, s.B):
                    return "match range must contain one of the lengths 2,3,4,6,8,12,16,24,32";
                case StageKind.HighOrder when s.A < 1 || s.B < s.A || s.B > MaxHighOrder:
                    return $"high-order range must be within 1..{MaxHighOrder}";
            }
        }
        if (denoiseSteps < 0 || denoiseSteps > MaxDenoiseSteps) return $"denoise steps must be 1..{MaxDenoiseSteps}";
        return null;
    }

    private static bool HasMatchLength(int lo, int hi)
    {
        foreach (int l in MatchModel.LengthLadder)
        {
            if (l >= lo && l <= hi) return true;
        }
        return false;
    }

    public static string Name(StageKind kind) => kind switch
    {
        StageKind.Ppm => "ppm",
        StageKind.Match => "match",
        StageKind.Word => "word",
        StageKind.HighOrder => "highorder",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static string Format(IReadOnlyList<StageSpec> stages, int denoiseSteps)
    {
        var sb = new StringBuilder();
        foreach (StageSpec s in stages)
        {
            if (sb.Length > 0) sb.Append(',');
            sb.Append(Name(s.Kind));
            switch (s.Kind)
            {
                case StageKind.Ppm:
                    sb.Append(':').Append(s.A);
                    break;
                case StageKind.Match when (s.A, s.B) != (4, 16):
                case StageKind.HighOrder when (s.A, s.B) != (5, 8):
                    sb.Append(':').Append(s.A).Append('-').Append(s.B);
                    break;
            }
        }
        if (denoiseSteps > 0) sb.Append(",denoise:").Append(denoiseSteps);
        return sb.ToString();
    }
}
