// This file is compiled into Midicoth.Abstractions and, as a linked source, into the netstandard2.0 generator:
// it is the one place that says which stage kinds exist, what role each plays in the data flow, what it is
// called in topology text, which model type implements it, and which parameters it takes (names, defaults,
// ranges). The topology parser, the generator's diagnostics and emitter, the models' constructors and the README
// read it; the generator writes from it the StageKind enum and StageAttribute's parameter properties (into
// Midicoth.Abstractions) and the run-time stage factory (into Midicoth.Models): see CatalogEmitter.
// CatalogConsistencyTests checks all of them and the README against it. Keep it free of newer library features.
using System;
using System.Collections.Generic;
using System.Text;

namespace Midicoth
{
    /// <summary>
    /// Where a stage sits in the data flow. Byte-wise topologies are: one <see cref="Base"/>, any number of
    /// <see cref="Blend"/> stages, at most one <see cref="Correction"/>, in that order. The bit-wise roles are
    /// reserved for the bit-wise family (bit predictors feed a mixer, refinements follow the mixer).
    /// </summary>
    internal enum StageRole
    {
        /// <summary>Predicts the first distribution over the 256 byte values; first, exactly once.</summary>
        Base = 0,
        /// <summary>Mixes its own prediction into the running distribution.</summary>
        Blend = 1,
        /// <summary>Corrects the blended distribution before coding; last.</summary>
        Correction = 2,
        /// <summary>Bit-wise: predicts the next bit (reserved).</summary>
        BitPredictor = 3,
        /// <summary>Bit-wise: learns to combine bit predictions (reserved).</summary>
        Mixer = 4,
        /// <summary>Bit-wise: refines the mixed probability (reserved).</summary>
        Refinement = 5,
    }

    /// <summary>A stage's integer parameter: its attribute property name, default, and allowed values.</summary>
    internal sealed class StageParameter
    {
        public StageParameter(string name, string meaning, int defaultValue, int min, int max, int[]? allowed = null, string? atMost = null)
        {
            Name = name;
            Meaning = meaning;
            Default = defaultValue;
            Min = min;
            Max = max;
            Allowed = allowed;
            AtMost = atMost;
        }

        /// <summary>The <c>StageAttribute</c> property (and constructor parameter, in camel case) that sets it.</summary>
        public string Name { get; }

        /// <summary>What it sets, for docs: "the highest context order".</summary>
        public string Meaning { get; }

        public int Default { get; }
        public int Min { get; }
        public int Max { get; }

        /// <summary>When set, only these values are accepted (within Min..Max).</summary>
        public int[]? Allowed { get; }

        /// <summary>When set, the name of a parameter of the same stage this one must not exceed.</summary>
        public string? AtMost { get; }

        public bool Accepts(int value)
        {
            if (value < Min || value > Max) return false;
            return Allowed == null || Array.IndexOf(Allowed, value) >= 0;
        }

        /// <summary>For docs: "Ppm: the highest context order, 0..12. Default 4." (<paramref name="stage"/> is the KindName).</summary>
        public string Document(string stage) =>
            stage + ": " + Meaning + ", " + (Allowed == null ? "" : "one of ") + Describe()
            + (AtMost == null ? "" : ", at most " + AtMost) + ". Default " + Default + ".";

        /// <summary>The accepted values as users read them: <c>0..12</c> or <c>2,3,4,6</c>.</summary>
        public string Describe() =>
            Allowed == null ? Min + ".." + Max : string.Join(",", Allowed);
    }

    /// <summary>One stage kind.</summary>
    internal sealed class StageDescriptor
    {
        public StageDescriptor(int kind, string kindName, string name, StageRole role, string modelType, string summary, params StageParameter[] parameters)
        {
            Kind = kind;
            KindName = kindName;
            Name = name;
            Role = role;
            ModelType = modelType;
            Summary = summary;
            Parameters = parameters;
        }

        /// <summary>The <c>StageKind</c> value.</summary>
        public int Kind { get; }

        /// <summary>The <c>StageKind</c> member's name.</summary>
        public string KindName { get; }

        /// <summary>The name in topology text.</summary>
        public string Name { get; }

        /// <summary>The stage's place in the data flow.</summary>
        public StageRole Role { get; }

        /// <summary>The model struct, fully qualified; its constructor takes <see cref="Parameters"/> in order.</summary>
        public string ModelType { get; }

        /// <summary>One line for generated doc comments and the README.</summary>
        public string Summary { get; }

        /// <summary>Parameters in constructor order; written <c>name:A-B-…</c> in topology text.</summary>
        public StageParameter[] Parameters { get; }

        /// <summary>
        /// Whether topology text always spells out the parameters (base and correction stages: their values are the
        /// point of the declaration), or only when they differ from the defaults (blending stages).
        /// </summary>
        public bool AlwaysWritesParameters => Role != StageRole.Blend;

        /// <summary>The position of the parameter called <paramref name="name"/> in <see cref="Parameters"/>, or −1.</summary>
        public int IndexOf(string name)
        {
            for (int i = 0; i < Parameters.Length; i++) if (Parameters[i].Name == name) return i;
            return -1;
        }

        /// <summary>The defaults, in constructor order.</summary>
        public int[] Defaults()
        {
            var values = new int[Parameters.Length];
            for (int i = 0; i < values.Length; i++) values[i] = Parameters[i].Default;
            return values;
        }

        /// <summary>For model constructors: throws <see cref="ArgumentOutOfRangeException"/> unless the catalog accepts the values.</summary>
        public void Require(params int[] values)
        {
            string? problem = StageCatalog.CheckParameters(this, values);
            if (problem != null) throw new ArgumentOutOfRangeException(Parameters.Length > 0 ? Parameters[0].Name : Name, problem);
        }

        /// <summary>How the stage is written in topology text, e.g. <c>match:MINLENGTH-MAXLENGTH</c>.</summary>
        public string Syntax()
        {
            if (Parameters.Length == 0) return Name;
            var names = new string[Parameters.Length];
            for (int i = 0; i < names.Length; i++) names[i] = Parameters[i].Name.ToUpperInvariant();
            return Name + ":" + string.Join("-", names);
        }
    }

    /// <summary>The registry of stage kinds (see the file header).</summary>
    internal static class StageCatalog
    {
        public static readonly int[] MatchLengths = { 2, 3, 4, 6, 8, 12, 16, 24, 32 };

        public static readonly StageDescriptor Ppm = new StageDescriptor(0, "Ppm", "ppm", StageRole.Base,
            "Midicoth.Models.ByteStages.PpmModel", "PPM, PPM-C escapes with full exclusion",
            new StageParameter("Order", "the highest context order", 4, 0, 12));

        public static readonly StageDescriptor Match = new StageDescriptor(1, "Match", "match", StageRole.Blend,
            "Midicoth.Models.ByteStages.MatchModel",
            "match model (predicts the byte after the latest occurrence of the longest matching context)",
            new StageParameter("MinLength", "the shortest context length looked up (the lengths of the list within MinLength..MaxLength are used)", 4, 2, 32, MatchLengths, atMost: "MaxLength"),
            new StageParameter("MaxLength", "the longest context length looked up", 16, 2, 32, MatchLengths));

        public static readonly StageDescriptor Word = new StageDescriptor(2, "Word", "word", StageRole.Blend,
            "Midicoth.Models.ByteStages.WordModel", "word model (trie of words and word bigrams)");

        public static readonly StageDescriptor HighOrder = new StageDescriptor(3, "HighOrder", "highorder", StageRole.Blend,
            "Midicoth.Models.ByteStages.HighOrderModel", "high-order context model (16-bit counts)",
            new StageParameter("MinOrder", "the lowest context order", 5, 1, 32, atMost: "MaxOrder"),
            new StageParameter("MaxOrder", "the highest context order", 8, 1, 32));

        public static readonly StageDescriptor Denoise = new StageDescriptor(4, "Denoise", "denoise", StageRole.Correction,
            "Midicoth.Models.ByteStages.TweedieDenoiser",
            "Tweedie denoiser (binary-tree correction with James-Stein shrinkage)",
            new StageParameter("Steps", "the number of correction steps", 3, 1, 8));

        public static readonly StageDescriptor[] All = { Ppm, Match, Word, HighOrder, Denoise };

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

        /// <summary>The names of every kind of a role, for messages: <c>match, word, highorder</c>.</summary>
        public static string NamesOf(StageRole role)
        {
            var names = new List<string>();
            foreach (StageDescriptor d in All) if (d.Role == role) names.Add(d.Name);
            return string.Join(", ", names);
        }

        /// <summary>
        /// The canonical text of a topology: stage names in order, each with its parameters where
        /// <see cref="StageDescriptor.AlwaysWritesParameters"/> or where they differ from the defaults.
        /// </summary>
        public static string Format(IEnumerable<KeyValuePair<StageDescriptor, int[]>> stages)
        {
            var text = new StringBuilder();
            foreach (KeyValuePair<StageDescriptor, int[]> pair in stages)
            {
                StageDescriptor stage = pair.Key;
                int[] values = pair.Value;
                if (text.Length > 0) text.Append(',');
                text.Append(stage.Name);
                bool atDefaults = true;
                for (int i = 0; i < values.Length; i++) atDefaults &= values[i] == stage.Parameters[i].Default;
                if (values.Length > 0 && (stage.AlwaysWritesParameters || !atDefaults))
                {
                    text.Append(':');
                    for (int i = 0; i < values.Length; i++) text.Append(i > 0 ? "-" : "").Append(values[i]);
                }
            }
            return text.ToString();
        }

        /// <summary>Why these parameter values cannot run, or null.</summary>
        public static string? CheckParameters(StageDescriptor stage, int[] values) => CheckParameters(stage, values, out _);

        /// <summary>Why these parameter values cannot run, or null; <paramref name="culprit"/> is the index of the parameter at fault (−1: none).</summary>
        public static string? CheckParameters(StageDescriptor stage, int[] values, out int culprit)
        {
            culprit = -1;
            if (values.Length != stage.Parameters.Length)
            {
                return stage.Name + " takes " + stage.Parameters.Length + " parameter(s), not " + values.Length;
            }
            for (int i = 0; i < stage.Parameters.Length; i++)
            {
                StageParameter p = stage.Parameters[i];
                if (p.Accepts(values[i])) continue;
                culprit = i;
                return stage.Name + " " + p.Name + " must be " + p.Describe() + ", not " + values[i];
            }
            for (int i = 0; i < stage.Parameters.Length; i++)
            {
                StageParameter p = stage.Parameters[i];
                if (p.AtMost == null) continue;
                int other = stage.IndexOf(p.AtMost);
                if (values[i] <= values[other]) continue;
                culprit = i;
                return stage.Name + " " + p.Name + " must not exceed " + p.AtMost;
            }
            return null;
        }

        /// <summary>
        /// Why stage <paramref name="index"/> of the given roles (in declaration order) cannot stand where it is,
        /// or null: the base first, then blending stages, then at most one correction, last.
        /// </summary>
        public static string? CheckPlace(IList<StageDescriptor> stages, int index)
        {
            StageDescriptor stage = stages[index];
            switch (stage.Role)
            {
                case StageRole.Base:
                    return index == 0 ? null : "'" + stage.Name + "' must be the first stage: the blending stages mix into the distribution it produces";
                case StageRole.Blend:
                    return index > 0 && stages[index - 1].Role is StageRole.Base or StageRole.Blend
                        ? null
                        : "'" + stage.Name + "' must follow the base stage and come before the correction";
                case StageRole.Correction:
                    return index == stages.Count - 1 && index > 0 ? null : "'" + stage.Name + "' must be the last stage, after a base stage";
                default:
                    return "'" + stage.Name + "' is a bit-wise stage, which a byte-wise topology cannot run";
            }
        }
    }
}
