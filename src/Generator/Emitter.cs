using System.CodeDom.Compiler;
using System.Collections.Generic;
using System.Linq;

namespace Midicoth.Generator
{
    /// <summary>
    /// Writes the codec of one validated compressor. The per-byte step itself is written once, in the library
    /// (<c>Midicoth.Models.ByteWise.ByteStep</c>); what the generator contributes is its instantiation for exactly
    /// this topology: the concrete model structs, their parameters as constants, and the blending stages as a
    /// compile-time chain, so that the JIT and Native AOT compile one straight-line step with no interface call.
    /// The rest is the <c>ICodec</c> glue, each member with a doc comment.
    /// </summary>
    internal static class Emitter
    {
        private const string Coding = "global::Midicoth.Models.ByteWise.";
        private const string Coders = "global::Midicoth.Models.Coders.";
        private const string Formats = "global::Midicoth.Models.Formats.";

        public static string Emit(CompressorSpec spec, IReadOnlyList<ResolvedStage> stages, string topologyText) =>
            GeneratedFile.Write("the [Compressor], [Stage] and [Denoise] attributes of " + spec.ClassName, spec.Namespace,
                w => WriteClass(w, spec, stages, topologyText));

        private static void WriteClass(IndentedTextWriter w, CompressorSpec spec, IReadOnlyList<ResolvedStage> stages, string topologyText)
        {
            w.WriteLine("/// <summary>");
            w.WriteLine("/// Compressor <c>" + topologyText + "</c>, compiled for exactly this topology.");
            w.WriteLine("/// </summary>");
            // Transforms stand first and run once a block; the models after them form the step.
            int transformCount = StageCatalog.TransformsAt(stages.Select(s => s.Descriptor).ToList());
            List<ResolvedStage> transforms = stages.Take(transformCount).ToList();
            List<ResolvedStage> models = stages.Skip(transformCount).ToList();
            bool bitWise = StageCatalog.IsBitWise(models.Select(s => s.Descriptor).ToList());
            w.WriteLine("/// <remarks>");
            if (transforms.Count > 0)
            {
                w.WriteLine("/// Each block is first rewritten:");
                w.WriteLine("/// <list type=\"number\">");
                foreach (ResolvedStage stage in transforms) w.WriteLine("/// <item>" + Describe(stage) + ";</item>");
                w.WriteLine("/// </list>");
                w.WriteLine("/// and the rewritten block is coded; decoding restores it, the transforms in the opposite order.");
            }
            w.WriteLine(bitWise ? "/// For each bit of each byte, from the highest, knowing the bits before it:" : "/// For each byte, knowing the bytes before it:");
            w.WriteLine("/// <list type=\"number\">");
            foreach (ResolvedStage stage in models) w.WriteLine("/// <item>" + Describe(stage) + ";</item>");
            w.WriteLine(bitWise
                ? "/// <item>the binary arithmetic coder codes the bit with that probability; then every stage learns the bit. Eight bits make a byte.</item>"
                : "/// <item>the arithmetic coder codes the byte with that distribution; then every model learns the byte.</item>");
            w.WriteLine("/// </list>");
            w.WriteLine("/// Files are in the Midicoth frame (.mdg), which names this topology, so any Midicoth build can decode them.");
            w.WriteLine("/// </remarks>");
            w.WriteLine("[global::System.CodeDom.Compiler.GeneratedCode(\"Midicoth.Generator\", \"1.0\")]");
            w.WriteLine(spec.Accessibility + " partial class " + spec.ClassName + " : global::Midicoth.ICodec");
            w.WriteLine("{");
            w.Indent++;

            w.WriteLine("/// <summary>The canonical topology text of this compressor.</summary>");
            w.WriteLine("public const string TopologyText = \"" + topologyText + "\";");
            w.WriteLineNoTabs("");
            w.WriteLine("/// <summary>The codec as an <see cref=\"global::Midicoth.ICodec\"/>.</summary>");
            w.WriteLine("public static " + spec.ClassName + " Instance { get; } = new " + spec.ClassName + "();");
            w.WriteLineNoTabs("");
            w.WriteLine("/// <inheritdoc/>");
            w.WriteLine("string global::Midicoth.ICodec.Topology => TopologyText;");
            w.WriteLineNoTabs("");
            w.WriteLine("/// <summary>Compresses <paramref name=\"data\"/> into a Midicoth frame (.mdg); <paramref name=\"options\"/> set block size, threads and progress.</summary>");
            w.WriteLine("public static byte[] Compress(global::System.ReadOnlySpan<byte> data, " + Formats + "MdgOptions? options = null) =>");
            w.WriteLine("    " + Formats + "MdgFrame.Compress(Instance, data, options);");
            w.WriteLineNoTabs("");
            w.WriteLine("/// <summary>Decompresses a Midicoth frame (of any topology; this one runs compiled).</summary>");
            w.WriteLine("public static byte[] Decompress(global::System.ReadOnlySpan<byte> data, " + Formats + "MdgOptions? options = null) =>");
            w.WriteLine("    " + Formats + "MdgFrame.Decompress(data, Instance, options);");
            w.WriteLineNoTabs("");
            if (transforms.Count > 0) WriteTransforms(w, transforms);
            if (bitWise) BitModelEmitter.Write(w, models, transforms.Count > 0);
            else WriteByteWise(w, models, transforms.Count > 0);
            w.Indent--;
            w.WriteLine("}");
        }

        private static void WriteByteWise(IndentedTextWriter w, IReadOnlyList<ResolvedStage> stages, bool transformed)
        {
            WritePayloadMethods(w, "CreateStep()", Coders + "SymbolCoder", transformed);
            WriteCreateStep(w, stages);
        }

        private const string Chain = "global::Midicoth.Models.Transforms.TransformChain";

        /// <summary>The name of the field that holds the codec's transforms (reserved in the user's class).</summary>
        public const string TransformsName = "BlockTransforms";

        /// <summary>The codec's transforms, in order: run once a block, before and after the models.</summary>
        private static void WriteTransforms(IndentedTextWriter w, IReadOnlyList<ResolvedStage> transforms)
        {
            w.WriteLine("/// <summary>The transforms that rewrite each block before the models see it, in order.</summary>");
            w.WriteLine("private static readonly " + Chain + " " + TransformsName + " = new(" + string.Join(", ", transforms.Select(New)) + ");");
            w.WriteLineNoTabs("");
        }

        /// <summary>
        /// <c>EncodePayload</c> and <c>DecodePayload</c>: a fresh model from <paramref name="create"/> (which may use
        /// the block's length as <c>length</c>), driven by the library's coding loop <paramref name="coder"/>; when
        /// <paramref name="transformed"/>, over the block as the transforms rewrite it (its length in front).
        /// </summary>
        internal static void WritePayloadMethods(IndentedTextWriter w, string create, string coder, bool transformed)
        {
            foreach (bool encode in new[] { true, false })
            {
                string length = transformed ? "rewritten.Length" : encode ? "data.Length" : "output.Length";
                w.WriteLine("/// <inheritdoc/>");
                w.WriteLine(encode
                    ? "public byte[] EncodePayload(global::System.ReadOnlySpan<byte> data, global::System.IProgress<long>? progress = null)"
                    : "public void DecodePayload(byte[] payload, int offset, int count, global::System.Span<byte> output, global::System.IProgress<long>? progress = null)");
                w.WriteLine("{");
                w.Indent++;
                if (transformed)
                {
                    w.WriteLine(encode
                        ? "byte[] rewritten = " + TransformsName + ".Forward(data);"
                        : "byte[] rewritten = " + TransformsName + ".RewrittenBuffer(payload, ref offset, ref count, output.Length);");
                }
                w.WriteLine("var model = " + create.Replace("length", length) + ";");
                string data = transformed ? "rewritten" : encode ? "data" : "output";
                if (encode)
                {
                    string coded = coder + ".Encode(ref model, " + data + ", progress)";
                    w.WriteLine("return " + (transformed ? Chain + ".Payload(data.Length, rewritten.Length, " + coded + ")" : coded) + ";");
                }
                else
                {
                    w.WriteLine(coder + ".Decode(ref model, payload, offset, count, " + data + ", progress);");
                    if (transformed) w.WriteLine(TransformsName + ".Inverse(rewritten, output);");
                }
                w.Indent--;
                w.WriteLine("}");
                w.WriteLineNoTabs("");
            }
        }

        /// <summary>
        /// <c>CreateStep()</c>: the library's per-byte step over this topology's model structs. Blending stages form
        /// a chain <c>BlendChain&lt;A, BlendChain&lt;B, NoBlends&gt;&gt;</c>; a missing correction is <c>NoCorrection</c>.
        /// </summary>
        internal static void WriteCreateStep(IndentedTextWriter w, IReadOnlyList<ResolvedStage> stages)
        {
            ResolvedStage baseStage = stages.First(s => s.Descriptor.Role == StageRole.Base);
            List<ResolvedStage> blends = stages.Where(s => s.Descriptor.Role == StageRole.Blend).ToList();
            ResolvedStage? correction = stages.FirstOrDefault(s => s.Descriptor.Role == StageRole.Correction);

            w.WriteLine("/// <summary>");
            w.WriteLine("/// A fresh model of this topology's byte-wise stages: the per-byte step (<see cref=\"" + Coding + "ByteStep{TBase, TBlends, TCorrection}\"/>)");
            w.WriteLine("/// over concrete model structs, so that every stage call in it is direct.");
            w.WriteLine("/// </summary>");
            List<string> type = StepTypeLines(stages);
            w.WriteLine("private static " + type[0]);
            w.Indent++;
            for (int i = 1; i < type.Count; i++) w.WriteLine(type[i] + (i == type.Count - 1 ? " CreateStep() =>" : ""));
            w.WriteLine("new(");
            w.Indent++;
            w.WriteLine(New(baseStage) + ",");
            foreach (ResolvedStage blend in blends) w.WriteLine("new(" + New(blend) + ",");
            w.WriteLine("default" + new string(')', blends.Count) + ",");
            w.WriteLine((correction == null ? "default" : New(correction)) + ");");
            w.Indent -= 2;
        }

        /// <summary>The type of the byte-wise stages' step: <c>ByteStep&lt;Base, BlendChain&lt;A, …NoBlends&gt;, Correction&gt;</c>.</summary>
        internal static string StepType(IReadOnlyList<ResolvedStage> stages)
        {
            List<string> lines = StepTypeLines(stages);
            return lines[0] + string.Join(" ", lines.Skip(1));
        }

        /// <summary>The step's type in lines, as <see cref="WriteCreateStep"/> writes it: <c>ByteStep&lt;</c>, the base, each blend's chain link, the end of the chain, the correction.</summary>
        private static List<string> StepTypeLines(IReadOnlyList<ResolvedStage> stages)
        {
            ResolvedStage baseStage = stages.First(s => s.Descriptor.Role == StageRole.Base);
            List<ResolvedStage> blends = stages.Where(s => s.Descriptor.Role == StageRole.Blend).ToList();
            ResolvedStage? correction = stages.FirstOrDefault(s => s.Descriptor.Role == StageRole.Correction);
            var lines = new List<string> { Coding + "ByteStep<", Type(baseStage) + "," };
            foreach (ResolvedStage blend in blends) lines.Add(Coding + "BlendChain<" + Type(blend) + ",");
            lines.Add(Coding + "NoBlends" + new string('>', blends.Count) + ",");
            lines.Add((correction == null ? Coding + "NoCorrection" : Type(correction)) + ">");
            return lines;
        }

        private static string Type(ResolvedStage stage) => "global::" + stage.Descriptor.ModelType;

        private static string New(ResolvedStage stage) => "new " + Type(stage) + "(" + string.Join(", ", stage.Values) + ")";

        private static string Describe(ResolvedStage stage)
        {
            string parameters = string.Join(", ", stage.Descriptor.Parameters.Select((p, i) => p.Name + " " + stage.Values[i]));
            string what = stage.Descriptor.Summary + (parameters.Length > 0 ? "; " + parameters : "");
            switch (stage.Descriptor.Role)
            {
                case StageRole.Base: return what + ": predicts a distribution over the 256 byte values";
                case StageRole.Blend: return what + ": blends its prediction in";
                case StageRole.BitPredictor: return what + ": gives the mixer its inputs";
                case StageRole.Mixer: return what + ": mixes the inputs into one probability";
                case StageRole.Refinement: return what + ": refines that probability";
                case StageRole.Transform: return what;
                default: return what + ": corrects the distribution";
            }
        }
    }
}
