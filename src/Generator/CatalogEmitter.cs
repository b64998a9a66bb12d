using System;
using System.Collections.Generic;
using System.Linq;

namespace Midicoth.Generator
{
    /// <summary>
    /// Writes the code that follows from the stage catalog into the library's own assemblies, so that a new stage
    /// kind is its model plus its catalog entry:
    /// <list type="bullet">
    /// <item>into <c>Midicoth.Abstractions</c>: the <c>StageKind</c> enum and <c>StageAttribute</c>'s parameter
    /// properties (one per parameter name, documented with its range and default);</item>
    /// <item>into <c>Midicoth.Models</c>: the run-time stage factory, constructing every catalog entry's model type
    /// with its parameters in catalog order.</item>
    /// </list>
    /// </summary>
    internal static class CatalogEmitter
    {
        public const string AbstractionsAssembly = "Midicoth.Abstractions";
        public const string ModelsAssembly = "Midicoth.Models";

        /// <summary>The files for the assembly called <paramref name="assemblyName"/> (none for any other).</summary>
        public static IEnumerable<(string HintName, string Source)> For(string? assemblyName)
        {
            if (assemblyName == AbstractionsAssembly)
            {
                yield return ("StageKind.g.cs", StageKind());
                yield return ("StageAttribute.Parameters.g.cs", StageAttributeParameters());
            }
            else if (assemblyName == ModelsAssembly)
            {
                yield return ("StageFactory.g.cs", StageFactory());
            }
        }

        private const string Origin = "the stage catalog (src/Abstractions/StageCatalog.cs)";

        public static string StageKind() => GeneratedFile.Write(Origin, "Midicoth", w =>
        {
            w.WriteLine("/// <summary>The kinds of model a compressor can be composed of (the stage catalog's entries).</summary>");
            w.WriteLine("public enum StageKind");
            w.WriteLine("{");
            w.Indent++;
            foreach (StageDescriptor d in StageCatalog.All)
            {
                string parameters = d.Parameters.Length == 0 ? "" : " Parameters: " + string.Join(", ", d.Parameters.Select(p => p.Name)) + ".";
                w.WriteLine("/// <summary>" + Capitalize(d.Summary) + "; family " + d.Family + ", role " + d.Role + ", written <c>" + d.Syntax() + "</c>." + parameters + "</summary>");
                w.WriteLine(d.KindName + " = " + d.Kind + ",");
            }
            w.Indent--;
            w.WriteLine("}");
        });

        public static string StageAttributeParameters() => GeneratedFile.Write(Origin, "Midicoth", w =>
        {
            w.WriteLine("public sealed partial class StageAttribute");
            w.WriteLine("{");
            w.Indent++;
            bool first = true;
            foreach (var byName in StageCatalog.All
                .SelectMany(d => d.Parameters.Select(p => (Stage: d, Parameter: p)))
                .GroupBy(x => x.Parameter.Name))
            {
                if (!first) w.WriteLineNoTabs("");
                first = false;
                // A name several kinds share is one property; unset, it reads as the default of this attribute's kind.
                string doc = string.Join(" ", byName.Select(x => x.Parameter.Document(x.Stage.KindName)));
                string field = "_" + char.ToLowerInvariant(byName.Key[0]) + byName.Key.Substring(1);
                w.WriteLine("private int? " + field + ";");
                w.WriteLineNoTabs("");
                w.WriteLine("/// <summary>" + doc + "</summary>");
                w.WriteLine("public int " + byName.Key);
                w.WriteLine("{");
                w.Indent++;
                w.WriteLine("get => " + field + " ?? Kind switch");
                w.WriteLine("{");
                w.Indent++;
                foreach (var x in byName) w.WriteLine("StageKind." + x.Stage.KindName + " => " + x.Parameter.Default + ",");
                w.WriteLine("_ => " + byName.First().Parameter.Default + ",");
                w.Indent--;
                w.WriteLine("};");
                w.WriteLine("set => " + field + " = value;");
                w.Indent--;
                w.WriteLine("}");
            }
            w.Indent--;
            w.WriteLine("}");
        });

        public static string StageFactory() => GeneratedFile.Write(Origin, "Midicoth.Models.Composition", w =>
        {
            w.WriteLine("internal static partial class StageFactory");
            w.WriteLine("{");
            w.Indent++;
            w.WriteLine("/// <summary>");
            w.WriteLine("/// The model of stage <paramref name=\"kind\"/> with <paramref name=\"values\"/> (catalog order), boxed. Bit predictors");
            w.WriteLine("/// also take the block's <paramref name=\"inputLength\"/> (to size their tables), the mixer its number of <paramref name=\"inputs\"/>.");
            w.WriteLine("/// </summary>");
            w.WriteLine("public static object Create(int kind, int[] values, long inputLength = long.MaxValue, int inputs = 0) => kind switch");
            w.WriteLine("{");
            w.Indent++;
            foreach (StageDescriptor stage in StageCatalog.All)
            {
                if (stage == StageCatalog.Bridge)
                {
                    // The bridge wraps the byte-wise stages before it: the bit-wise pipeline builds it from them.
                    w.WriteLine(stage.Kind + " => throw new global::System.ArgumentException(\"a bridge is built over the byte-wise stages before it (BitPipeline)\", nameof(kind)), // " + stage.Name);
                    continue;
                }
                w.WriteLine(stage.Kind + " => new global::" + stage.ModelType + "(" + string.Join(", ", Arguments(stage, i => "values[" + i + "]", "inputLength", "inputs")) + "), // " + stage.Name);
            }
            w.WriteLine("_ => throw new global::System.ArgumentOutOfRangeException(nameof(kind), kind, \"unknown stage kind\"),");
            w.Indent--;
            w.WriteLine("};");
            w.Indent--;
            w.WriteLine("}");
        });

        /// <summary>
        /// A stage model's constructor arguments: the parameter values in catalog order; bit predictors add the block
        /// length, the mixer takes its number of inputs first. Shared by the factory and the codec emitter.
        /// </summary>
        public static IEnumerable<string> Arguments(StageDescriptor stage, Func<int, string> value, string inputLength, string inputs)
        {
            if (stage.Role == StageRole.Mixer) yield return inputs;
            for (int i = 0; i < stage.Parameters.Length; i++) yield return value(i);
            if (stage.Role == StageRole.BitPredictor) yield return inputLength;
        }

        private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s.Substring(1);
    }
}
