using System.CodeDom.Compiler;
using System.Collections.Generic;
using System.Linq;

namespace Midicoth.Generator
{
    /// <summary>
    /// Writes the model of a bit-wise topology: the library's one per-bit step (<c>BitStep</c>) instantiated over this
    /// topology's concrete stage structs. The predictors form a balanced tree of <c>PredictorPair</c>s (so the JIT
    /// inlines a path of a few levels, however many predictors there are), the refinements one of
    /// <c>RefinementPair</c>s (or <c>NoRefinement</c>), and the mixer is given its input count as a constant. The
    /// generator writes only types and constants: the loop, and every special case of it, is the step's. Byte-wise
    /// stages before a bridge become the codec's <c>CreateStep()</c>, as in a byte-wise codec, and the bridge is
    /// <c>BridgeStage</c> over that step's type.
    /// </summary>
    internal static class BitModelEmitter
    {
        private const string Bits = "global::Midicoth.Models.BitWise.";
        private const string Coders = "global::Midicoth.Models.Coders.";

        /// <summary>The method that makes the model (reserved in the user's class).</summary>
        public const string CreateName = "CreateModel";

        public static void Write(IndentedTextWriter w, IReadOnlyList<ResolvedStage> stages, bool transformed)
        {
            List<ResolvedStage> predictors = stages.Where(s => s.Descriptor.Role == StageRole.BitPredictor).ToList();
            ResolvedStage mixer = stages.Single(s => s.Descriptor.Role == StageRole.Mixer);
            List<ResolvedStage> refinements = stages.Where(s => s.Descriptor.Role == StageRole.Refinement).ToList();
            int inputs = StageCatalog.InputsOf(stages.Select(s => s.Descriptor).ToList(), stages.Select(s => s.Values).ToList());

            Emitter.WritePayloadMethods(w, CreateName + "(length)", Coders + "BitCoder", transformed);
            List<ResolvedStage> byteWise = stages.Where(s => !s.Descriptor.IsBitWise).ToList();
            if (byteWise.Count > 0) Emitter.WriteCreateStep(w, byteWise);
            string bridgeType = byteWise.Count > 0 ? Type(predictors.First(p => p.Descriptor == StageCatalog.Bridge)) + "<" + Emitter.StepType(byteWise) + ">" : "";
            string TypeOf(ResolvedStage s) => s.Descriptor == StageCatalog.Bridge ? bridgeType : Type(s);
            string NewOf(ResolvedStage s) => s.Descriptor == StageCatalog.Bridge
                ? "new " + bridgeType + "(CreateStep(), inputLength)"
                : "new " + Type(s) + "(" + string.Join(", ", CatalogEmitter.Arguments(s.Descriptor, i => s.Values[i].ToString(), "inputLength", inputs.ToString())) + ")";

            string predictorTree = Tree(predictors, TypeOf, Bits + "PredictorPair", "");
            string refinementTree = Tree(refinements, TypeOf, Bits + "RefinementPair", Bits + "NoRefinement");
            w.WriteLine("/// <summary>");
            w.WriteLine("/// A fresh model of this topology for a block of <paramref name=\"inputLength\"/> bytes: the per-bit step");
            w.WriteLine("/// (<see cref=\"" + Bits + "BitStep{TPredictors, TMixer, TRefinements}\"/>) over " + predictors.Count + " bit predictor(s) giving "
                + (inputs - 1) + " inputs and a bias to the mixer, and " + refinements.Count + " refinement(s), every one a concrete struct.");
            w.WriteLine("/// </summary>");
            w.WriteLine("private static " + Bits + "BitStep<");
            w.Indent++;
            w.WriteLine(predictorTree + ",");
            w.WriteLine(Type(mixer) + ",");
            w.WriteLine(refinementTree + "> " + CreateName + "(long inputLength) =>");
            w.WriteLine("new(");
            w.Indent++;
            WriteTree(w, predictors, NewOf, ",");
            w.WriteLine(NewOf(mixer) + ", // " + Text(mixer));
            if (refinements.Count == 0) w.WriteLine("default);");
            else WriteTree(w, refinements, NewOf, ");");
            w.Indent -= 2;
        }

        /// <summary>
        /// The type of <paramref name="stages"/> as one: the stage itself when alone, else a pair of the first half's
        /// tree and the second half's (in order: the inputs keep the declaration order); <paramref name="none"/> when empty.
        /// </summary>
        private static string Tree(IReadOnlyList<ResolvedStage> stages, System.Func<ResolvedStage, string> type, string pair, string none)
        {
            if (stages.Count == 0) return none;
            if (stages.Count == 1) return type(stages[0]);
            int half = FirstHalf(stages.Count);
            return pair + "<" + Tree(stages.Take(half).ToList(), type, pair, none) + ", " + Tree(stages.Skip(half).ToList(), type, pair, none) + ">";
        }

        /// <summary>The constructor calls of <see cref="Tree"/>'s shape: <c>new(new(A, B), C)</c>, a stage a line, each named in a comment.</summary>
        private static void WriteTree(IndentedTextWriter w, IReadOnlyList<ResolvedStage> stages, System.Func<ResolvedStage, string> create, string end)
        {
            if (stages.Count == 1)
            {
                w.WriteLine(create(stages[0]) + end + " // " + Text(stages[0]));
                return;
            }
            int half = FirstHalf(stages.Count);
            w.WriteLine("new(");
            w.Indent++;
            WriteTree(w, stages.Take(half).ToList(), create, ",");
            WriteTree(w, stages.Skip(half).ToList(), create, ")" + end);
            w.Indent--;
        }

        /// <summary>How many of <paramref name="count"/> stages the first half of a pair takes (the type and its constructor calls must split alike).</summary>
        private static int FirstHalf(int count) => (count + 1) / 2;

        /// <summary>The stage as topology text, e.g. <c>ctx:2-22</c>.</summary>
        private static string Text(ResolvedStage stage) =>
            StageCatalog.Format(new[] { new KeyValuePair<StageDescriptor, int[]>(stage.Descriptor, stage.Values) });

        private static string Type(ResolvedStage stage) => "global::" + stage.Descriptor.ModelType;
    }
}
