using System.CodeDom.Compiler;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;

namespace Midicoth.Generator
{
    /// <summary>
    /// Writes the registration of user stages with the run-time side (<c>StageRegistry</c>): a module initializer that
    /// states each stage's name, input count, memory figure and parameters as literals and makes one with a lambda
    /// over its constructor, so that topology text, frames and the run-time pipeline know it before <c>Main</c> runs,
    /// with no reflection (Native AOT keeps it). Emitted for every <c>[BitStage]</c> struct of a project and again
    /// for every user stage a codec declares (its stage may come from another assembly, whose initializer runs only
    /// once that assembly is touched); registering a stage twice does nothing.
    /// </summary>
    internal static class RegistrationEmitter
    {
        private const string Registry = "global::Midicoth.Models.Composition.StageRegistry";
        private const string ParameterInfo = "global::Midicoth.Models.Composition.StageParameterInfo";

        /// <summary>A file holding class <paramref name="className"/>, whose module initializer registers <paramref name="stages"/>.</summary>
        public static string Emit(string origin, string className, IReadOnlyList<UserStageInfo> stages) =>
            GeneratedFile.Write(origin, "Midicoth.Generated", w =>
            {
                w.WriteLine("/// <summary>Registers " + string.Join(", ", stages.Select(s => "<c>" + s.Name + "</c>")) + " with the run-time side when the assembly loads.</summary>");
                w.WriteLine("[global::System.CodeDom.Compiler.GeneratedCode(\"Midicoth.Generator\", \"1.0\")]");
                w.WriteLine("internal static class " + className);
                w.WriteLine("{");
                w.Indent++;
                w.WriteLine("/// <summary>Runs when the assembly loads (a module initializer).</summary>");
                w.WriteLine("#pragma warning disable CA2255 // a library's stages must be known before any frame naming them is read");
                w.WriteLine("[global::System.Runtime.CompilerServices.ModuleInitializer]");
                w.WriteLine("#pragma warning restore CA2255");
                w.WriteLine("internal static void Register()");
                w.WriteLine("{");
                w.Indent++;
                foreach (UserStageInfo stage in stages) WriteRegistration(w, stage);
                w.Indent--;
                w.WriteLine("}");
                w.Indent--;
                w.WriteLine("}");
            });

        private static void WriteRegistration(IndentedTextWriter w, UserStageInfo stage)
        {
            string type = "global::" + stage.TypeName;
            bool predictor = stage.Role == StageRole.BitPredictor;
            var arguments = new List<string> { Literal(stage.Name) };
            if (predictor) arguments.Add(stage.Inputs.ToString());
            arguments.Add(Literal(stage.Memory));
            arguments.Add(Literal(stage.Summary));
            w.WriteLine(Registry + "." + (predictor ? "RegisterPredictor" : "RegisterRefinement") + "<" + type + ">(" + string.Join(", ", arguments) + ",");
            w.Indent++;
            w.WriteLine("new " + ParameterInfo + "[] { " + string.Join(", ", stage.Parameters.Select(p =>
                "new(" + Literal(p.Name) + ", " + p.Default + ", " + p.Min + ", " + p.Max + ", " + Literal(p.Meaning) + ")")) + " },");
            IEnumerable<string> values = stage.Parameters.Select((p, i) => "v[" + i + "]");
            w.WriteLine(predictor
                ? "static (v, length) => new " + type + "(" + string.Join(", ", values.Concat(new[] { "length" })) + "));"
                : "static v => new " + type + "(" + string.Join(", ", values) + "));");
            w.Indent--;
        }

        /// <summary>A class name for a registration file, unique in the assembly, from <paramref name="owner"/> (a type's full name).</summary>
        public static string ClassName(string owner) =>
            "MidicothStages_" + new string(owner.Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray());

        private static string Literal(string text) => SymbolDisplay.FormatLiteral(text, quote: true);
    }
}
