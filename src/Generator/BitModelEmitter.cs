using System.CodeDom.Compiler;
using System.Collections.Generic;
using System.Linq;

namespace Midicoth.Generator
{
    /// <summary>
    /// Writes the model of a bit-wise topology as a struct nested in the codec: every stage a concrete field, the
    /// mixer inputs an inline array of a compile-time length, the dot product and the training of every weight
    /// spelled out one input at a time, and nothing called through an interface or delegate. The library's
    /// <c>BitCoder</c> drives it per bit (generic over the struct, so it is compiled in). The arithmetic is the
    /// library's own (<c>MixerStage.DotBlocks</c>, <c>AdjustBlocks</c>, <c>Product</c>, <c>Adjust</c>, the stages' methods), in the order the run-time
    /// <c>BitPipeline</c> uses, so that both give the same bytes. Byte-wise stages before a bridge become the
    /// codec's <c>CreateStep()</c>, as in a byte-wise codec, and the bridge field is <c>BridgeStage</c> over that step's type.
    /// </summary>
    internal static class BitModelEmitter
    {
        private const string Bits = "global::Midicoth.Models.BitStages.";
        private const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";
        private const string Span = "global::System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan";

        /// <summary>The nested model struct's name (reserved in the user's class).</summary>
        public const string ModelName = "CompiledModel";

        public static void Write(IndentedTextWriter w, IReadOnlyList<ResolvedStage> stages)
        {
            List<ResolvedStage> predictors = stages.Where(s => s.Descriptor.Role == StageRole.BitPredictor).ToList();
            ResolvedStage mixer = stages.Single(s => s.Descriptor.Role == StageRole.Mixer);
            List<ResolvedStage> refinements = stages.Where(s => s.Descriptor.Role == StageRole.Refinement).ToList();
            int inputs = StageCatalog.InputsOf(stages.Select(s => s.Descriptor).ToList(), stages.Select(s => s.Values).ToList());
            var offsets = new List<int>();
            int at = 0;
            foreach (ResolvedStage p in predictors)
            {
                offsets.Add(at);
                at += p.Descriptor.InputsOf!(p.Values);
            }

            Emitter.WritePayloadMethods(w, "new " + ModelName + "(length)", Bits + "BitCoder");
            List<ResolvedStage> byteWise = stages.Where(s => !s.Descriptor.IsBitWise).ToList();
            if (byteWise.Count > 0) Emitter.WriteCreateStep(w, byteWise);
            string bridgeType = byteWise.Count > 0 ? Type(predictors.First(p => p.Descriptor == StageCatalog.Bridge)) + "<" + Emitter.StepType(byteWise) + ">" : "";

            w.WriteLine("/// <summary>This topology's model: " + predictors.Count + " bit predictor(s) giving " + (inputs - 1) + " inputs and a bias to the mixer, " + refinements.Count + " refinement(s).</summary>");
            w.WriteLine("private struct " + ModelName + " : " + Bits + "IBitModel");
            w.WriteLine("{");
            w.Indent++;
            w.WriteLine("private const int InputCount = " + inputs + ";");
            w.WriteLineNoTabs("");
            w.WriteLine("/// <summary>The mixer's inputs, in the struct (no array, no bounds checks).</summary>");
            w.WriteLine("[global::System.Runtime.CompilerServices.InlineArray(InputCount)]");
            w.WriteLine("private struct Inputs { private int _element; }");
            w.WriteLineNoTabs("");
            w.WriteLine("private " + Bits + "BitContext _context;");
            w.WriteLine("private Inputs _x;");
            for (int i = 0; i < predictors.Count; i++) w.WriteLine("private " + (predictors[i].Descriptor == StageCatalog.Bridge ? bridgeType : Type(predictors[i])) + " _p" + i + ";");
            w.WriteLine("private " + Type(mixer) + " _mixer;");
            for (int i = 0; i < refinements.Count; i++) w.WriteLine("private " + Type(refinements[i]) + " _r" + i + ";");
            w.WriteLineNoTabs("");

            w.WriteLine("public " + ModelName + "(long inputLength)");
            w.WriteLine("{");
            w.Indent++;
            w.WriteLine("_context = " + Bits + "BitContext.Start;");
            if (mixer.Descriptor == StageCatalog.Mixer2) w.WriteLine("_context.CountKnown = " + Bits + "MixerNetworkStage.ReadsKnown(" + mixer.Values[0] + ");");
            w.WriteLine("_x = default;");
            w.WriteLine("_x[InputCount - 1] = " + Bits + "MixerStage.Bias;");
            for (int i = 0; i < predictors.Count; i++)
            {
                w.WriteLine("_p" + i + " = " + (predictors[i].Descriptor == StageCatalog.Bridge ? "new " + bridgeType + "(CreateStep(), inputLength)" : New(predictors[i])) + ";");
            }
            w.WriteLine("_mixer = " + New(mixer) + ";");
            for (int i = 0; i < refinements.Count; i++) w.WriteLine("_r" + i + " = " + New(refinements[i]) + ";");
            w.Indent--;
            w.WriteLine("}");
            w.WriteLineNoTabs("");

            w.WriteLine("public int Predict()");
            w.WriteLine("{");
            w.Indent++;
            for (int i = 0; i < predictors.Count; i++) w.WriteLine("_p" + i + ".Predict(ref _context, ref _x[" + offsets[i] + "]);");
            WriteMix(w, mixer, inputs);
            for (int i = 0; i < refinements.Count; i++) w.WriteLine("p = _r" + i + ".Refine(p, in _context);");
            w.WriteLine("return p;");
            w.Indent--;
            w.WriteLine("}");
            w.WriteLineNoTabs("");

            w.WriteLine("public void Update(int bit)");
            w.WriteLine("{");
            w.Indent++;
            WriteTrain(w, mixer, inputs);
            for (int i = 0; i < refinements.Count; i++) w.WriteLine("_r" + i + ".Update(bit);");
            for (int i = 0; i < predictors.Count; i++) w.WriteLine("_p" + i + ".Update(ref _context, bit);");
            w.WriteLine("if (!_context.Advance(bit)) return;");
            for (int i = 0; i < predictors.Count; i++) w.WriteLine("_p" + i + ".EndByte(ref _context);");
            w.Indent--;
            w.WriteLine("}");
            w.Indent--;
            w.WriteLine("}");
        }

        /// <summary>
        /// The mix: for <c>mixer</c>, the set's choice with a constant selector and row length, blocks of eight inputs
        /// through the library's SIMD step and the rest spelled out one by one; other mixers (<c>mixer2</c>) run
        /// their own loops, called on the concrete struct with the constant count.
        /// </summary>
        private static void WriteMix(IndentedTextWriter w, ResolvedStage mixer, int inputs)
        {
            if (mixer.Descriptor != StageCatalog.Mixer)
            {
                w.WriteLine("int p = _mixer.Mix(" + Span + "(ref _x[0], InputCount), in _context);");
                return;
            }
            int blocks = inputs / 8;
            w.WriteLine("ref int w = ref _mixer.RowOf(" + Bits + "MixerStage.SetOf(" + mixer.Values[0] + ", in _context), InputCount);");
            w.WriteLine("long dot = " + Bits + "MixerStage.DotBlocks(ref _x[0], ref w, " + blocks + ")" + (blocks * 8 == inputs ? ";" : ""));
            w.Indent++;
            for (int k = blocks * 8; k < inputs; k++) w.WriteLine("+ " + Bits + "MixerStage.Product(_x[" + k + "], " + Unsafe + ".Add(ref w, " + k + "))" + (k == inputs - 1 ? ";" : ""));
            w.Indent--;
            w.WriteLine("int p = _mixer.Output(dot);");
        }

        /// <summary>The mixer's training, in the same two forms as <see cref="WriteMix"/>.</summary>
        private static void WriteTrain(IndentedTextWriter w, ResolvedStage mixer, int inputs)
        {
            if (mixer.Descriptor != StageCatalog.Mixer)
            {
                w.WriteLine("_mixer.Train(" + Span + "(ref _x[0], InputCount), bit);");
                return;
            }
            int blocks = inputs / 8;
            w.WriteLine("int error = _mixer.Error(bit);");
            w.WriteLine("ref int w = ref _mixer.CurrentRow;");
            w.WriteLine(Bits + "MixerStage.AdjustBlocks(ref w, ref _x[0], " + blocks + ", error);");
            for (int k = blocks * 8; k < inputs; k++)
            {
                w.WriteLine(Unsafe + ".Add(ref w, " + k + ") = " + Bits + "MixerStage.Adjust(" + Unsafe + ".Add(ref w, " + k + "), _x[" + k + "], error);");
            }
        }

        private static string Type(ResolvedStage stage) => "global::" + stage.Descriptor.ModelType;

        private static string New(ResolvedStage stage) =>
            "new " + Type(stage) + "(" + string.Join(", ", CatalogEmitter.Arguments(stage.Descriptor, i => stage.Values[i].ToString(), "inputLength", "InputCount")) + ")";
    }
}
