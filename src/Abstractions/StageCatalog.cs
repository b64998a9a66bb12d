// This file is compiled into Midicoth.Abstractions and, as a linked source, into the netstandard2.0 generator:
// it is the one place that says which stage kinds exist, what they are called in topology text, which model
// type implements each, and which parameters each takes. Keep it free of newer C# and library features.
using System;

namespace Midicoth
{
    /// <summary>A stage's integer parameter: its attribute property name, default, and allowed values.</summary>
    internal sealed class StageParameter
    {
        public StageParameter(string name, int defaultValue, int min, int max, int[]? allowed = null)
        {
            Name = name;
            Default = defaultValue;
            Min = min;
            Max = max;
            Allowed = allowed;
        }

        public string Name { get; }
        public int Default { get; }
        public int Min { get; }
        public int Max { get; }

        /// <summary>When set, only these values are accepted (within Min..Max).</summary>
        public int[]? Allowed { get; }

        public bool Accepts(int value)
        {
            if (value < Min || value > Max) return false;
            return Allowed == null || Array.IndexOf(Allowed, value) >= 0;
        }

        public string Describe() =>
            Allowed == null ? Min + ".." + Max : string.Join(",", Allowed);
    }

    /// <summary>One stage kind.</summary>
    internal sealed class StageDescriptor
    {
        public StageDescriptor(int kind, string kindName, string name, string modelType, bool isBase, string summary, params StageParameter[] parameters)
        {
            Kind = kind;
            KindName = kindName;
            Name = name;
            ModelType = modelType;
            IsBase = isBase;
            Summary = summary;
            Parameters = parameters;
        }

        /// <summary>The <c>StageKind</c> value.</summary>
        public int Kind { get; }

        /// <summary>The <c>StageKind</c> member's name.</summary>
        public string KindName { get; }

        /// <summary>The name in topology text.</summary>
        public string Name { get; }

        /// <summary>The model struct, fully qualified; its constructor takes <see cref="Parameters"/> in order.</summary>
        public string ModelType { get; }

        /// <summary>The base predictor (first stage); all others blend into its distribution.</summary>
        public bool IsBase { get; }

        public string Summary { get; }

        /// <summary>Parameters in constructor order; two parameters are written <c>name:A-B</c>, one <c>name:A</c>.</summary>
        public StageParameter[] Parameters { get; }
    }

    /// <summary>The registry of stage kinds (see the file header).</summary>
    internal static class StageCatalog
    {
        public const string DenoiseName = "denoise";
        public static readonly StageParameter DenoiseSteps = new StageParameter("Steps", 3, 1, 8);
        public static readonly int[] MatchLengths = { 2, 3, 4, 6, 8, 12, 16, 24, 32 };

        public static readonly StageDescriptor[] All =
        {
            new StageDescriptor(0, "Ppm", "ppm", "Midicoth.Models.PpmModel", true,
                "PPM, PPM-C escapes with full exclusion",
                new StageParameter("Order", 4, 0, 12)),
            new StageDescriptor(1, "Match", "match", "Midicoth.Models.MatchModel", false,
                "match model (predicts the byte after the latest occurrence of the longest matching context)",
                new StageParameter("MinLength", 4, 2, 32, MatchLengths), new StageParameter("MaxLength", 16, 2, 32, MatchLengths)),
            new StageDescriptor(2, "Word", "word", "Midicoth.Models.WordModel", false,
                "word model (trie of words and word bigrams)"),
            new StageDescriptor(3, "HighOrder", "highorder", "Midicoth.Models.HighOrderModel", false,
                "high-order context model (16-bit counts)",
                new StageParameter("MinOrder", 5, 1, 32), new StageParameter("MaxOrder", 8, 1, 32)),
        };

        public static StageDescriptor? Find(int kind)
        {
            foreach (StageDescriptor d in All)
            {
                if (d.Kind == kind) return d;
            }
            return null;
        }

        public static StageDescriptor? Find(string name)
        {
            foreach (StageDescriptor d in All)
            {
                if (string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase)) return d;
            }
            return null;
        }

        /// <summary>
        /// The canonical text of a topology: stage names in order, parameters written only where they differ from
        /// the defaults (the base stage's always), and the denoiser last when it has steps.
        /// </summary>
        public static string Format(System.Collections.Generic.IEnumerable<System.Collections.Generic.KeyValuePair<int, int[]>> stages, int denoiseSteps)
        {
            var text = new System.Text.StringBuilder();
            foreach (var pair in stages)
            {
                StageDescriptor stage = Find(pair.Key)!;
                int[] values = pair.Value;
                if (text.Length > 0) text.Append(',');
                text.Append(stage.Name);
                bool atDefaults = true;
                for (int i = 0; i < values.Length; i++) atDefaults &= values[i] == stage.Parameters[i].Default;
                if (values.Length > 0 && (stage.IsBase || !atDefaults))
                {
                    text.Append(':');
                    for (int i = 0; i < values.Length; i++) text.Append(i > 0 ? "-" : "").Append(values[i]);
                }
            }
            if (denoiseSteps > 0) text.Append(',').Append(DenoiseName).Append(':').Append(denoiseSteps);
            return text.ToString();
        }

        /// <summary>Why these parameter values cannot run, or null.</summary>
        public static string? CheckParameters(StageDescriptor stage, int[] values)
        {
            for (int i = 0; i < stage.Parameters.Length; i++)
            {
                StageParameter p = stage.Parameters[i];
                if (!p.Accepts(values[i])) return stage.Name + " " + p.Name + " must be " + p.Describe() + ", not " + values[i];
            }
            if (stage.Parameters.Length == 2 && values[0] > values[1])
            {
                return stage.Name + " " + stage.Parameters[0].Name + " must not exceed " + stage.Parameters[1].Name;
            }
            return null;
        }
    }
}
