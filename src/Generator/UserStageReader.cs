using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Midicoth.Generator
{
    /// <summary>A user stage's parameter as declared by <c>[StageParameter]</c>, in constructor order.</summary>
    internal sealed record UserParameter(string Name, int Default, int Min, int Max, string Meaning);

    /// <summary>
    /// A struct with <c>[BitStage]</c>, read into plain values: its name, role, type, input count, memory figure and
    /// parameters, and what is wrong with it (each problem a diagnostic at the struct or its attribute).
    /// </summary>
    internal sealed record UserStageInfo(
        string Name,
        string TypeName,
        StageRole Role,
        int Inputs,
        string Memory,
        string Summary,
        EquatableArray<UserParameter> Parameters,
        EquatableArray<DiagnosticInfo> Problems,
        LocationInfo? NameLocation)
    {
        /// <summary>The stage as the catalog's rules see it (valid only without <see cref="Problems"/>).</summary>
        public StageDescriptor Descriptor() => StageDescriptor.User(Name, Role, TypeName, Summary.Length > 0 ? Summary : "user stage " + Name, Inputs, Memory,
            Parameters.Select(p => new StageParameter(p.Name, p.Meaning.Length > 0 ? p.Meaning : p.Name, p.Default, p.Min, p.Max)).ToArray());
    }

    /// <summary>Reads <c>[BitStage]</c> structs (see <see cref="UserStageInfo"/>) for the stage pipeline and for codecs that declare them with <c>[Stage&lt;T&gt;]</c>.</summary>
    internal static class UserStageReader
    {
        public const string BitStageAttribute = "Midicoth.BitStageAttribute";
        public const string ParameterAttribute = "Midicoth.StageParameterAttribute";
        public const string PredictorInterface = "Midicoth.Models.BitWise.IBitPredictor";
        public const string RefinementInterface = "Midicoth.Models.BitWise.IBitRefinement";

        /// <summary>The stage <paramref name="type"/> declares, or null when it has no <c>[BitStage]</c>.</summary>
        public static UserStageInfo? Read(INamedTypeSymbol type, CancellationToken cancellation)
        {
            AttributeData? stage = type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == BitStageAttribute);
            if (stage == null) return null;
            string display = type.Name;
            LocationInfo? typeAt = LocationInfo.OfName(type);
            LocationInfo? stageAt = LocationInfo.From(stage.ApplicationSyntaxReference?.GetSyntax(cancellation)) ?? typeAt;
            var problems = new List<DiagnosticInfo>();
            void Problem(DiagnosticDescriptor d, LocationInfo? at, params string[] args) =>
                problems.Add(new DiagnosticInfo(d.Id, new EquatableArray<string>(args), at ?? typeAt));

            string name = stage.ConstructorArguments.Length == 1 ? stage.ConstructorArguments[0].Value as string ?? "" : "";
            int inputs = Named(stage, "Inputs") is int i ? i : 1;
            string memory = Named(stage, "Memory") as string ?? "0";
            string summary = Named(stage, "Summary") as string ?? "";

            string? shape = type.TypeKind != TypeKind.Struct ? "it is a " + (type.TypeKind == TypeKind.Class ? "class" : type.TypeKind.ToString().ToLowerInvariant())
                : type.IsGenericType ? "it is generic"
                : type.IsRefLikeType ? "it is a ref struct"
                : !Reachable(type) ? "it is private or nested in a private type"
                : null;
            if (shape != null) Problem(Diagnostics.StageTypeShape, typeAt, display, shape);

            bool predictor = Implements(type, PredictorInterface), refinement = Implements(type, RefinementInterface);
            StageRole role = predictor ? StageRole.BitPredictor : StageRole.Refinement;
            if (predictor == refinement)
            {
                Problem(Diagnostics.StageWithoutRole, typeAt, display, predictor ? "implements both roles" : "implements no role");
            }

            string? nameProblem = StageCatalog.CheckUserName(name, out bool clash);
            if (nameProblem != null) Problem(clash ? Diagnostics.StageNameClash : Diagnostics.StageNameMalformed, stageAt, nameProblem);

            if (predictor && !refinement && (inputs < 1 || inputs > StageCatalog.MaxUserInputs))
            {
                Problem(Diagnostics.StageDeclaration, stageAt, display, "Inputs = " + inputs + ": a predictor writes 1.." + StageCatalog.MaxUserInputs + " mixer inputs");
            }

            // Parameters, in the order of the constructor that takes them (then the block's length, for predictors).
            var declared = new List<(UserParameter Parameter, LocationInfo? At)>();
            foreach (AttributeData a in type.GetAttributes().Where(a => a.AttributeClass?.ToDisplayString() == ParameterAttribute))
            {
                if (a.ConstructorArguments.Length != 4) continue;
                LocationInfo? at = LocationInfo.From(a.ApplicationSyntaxReference?.GetSyntax(cancellation)) ?? typeAt;
                var p = new UserParameter(a.ConstructorArguments[0].Value as string ?? "", (int)a.ConstructorArguments[1].Value!,
                    (int)a.ConstructorArguments[2].Value!, (int)a.ConstructorArguments[3].Value!, Named(a, "Meaning") as string ?? "");
                if (p.Min < 0 || p.Max > 255 || p.Min > p.Max || p.Default < p.Min || p.Default > p.Max)
                {
                    Problem(Diagnostics.StageDeclaration, at, display, "parameter " + p.Name + ": range " + p.Min + ".." + p.Max + " with default " + p.Default
                        + " (a range lies within 0..255, since frames keep a value in a byte, and holds its default)");
                }
                if (declared.Any(d => string.Equals(d.Parameter.Name, p.Name, System.StringComparison.OrdinalIgnoreCase)))
                {
                    Problem(Diagnostics.StageDeclaration, at, display, "parameter " + p.Name + " is declared twice");
                }
                declared.Add((p, at));
            }
            var ordered = new List<UserParameter>();
            if (predictor != refinement)
            {
                IMethodSymbol? constructor = type.InstanceConstructors.FirstOrDefault(c => Matches(c, declared.Select(d => d.Parameter.Name).ToList(), predictor));
                if (constructor == null)
                {
                    string wanted = string.Join(", ", declared.Select(d => "int " + Camel(d.Parameter.Name)).Concat(predictor ? new[] { "long inputLength" } : new string[0]));
                    Problem(Diagnostics.StageDeclaration, typeAt, display, "needs a constructor (" + wanted + "): the declared parameters in any order"
                        + (predictor ? ", then the block's length" : ""));
                }
                else
                {
                    foreach (IParameterSymbol p in constructor.Parameters.Take(declared.Count))
                    {
                        ordered.Add(declared.First(d => string.Equals(d.Parameter.Name, p.Name, System.StringComparison.OrdinalIgnoreCase)).Parameter);
                    }
                }
            }

            var info = new UserStageInfo(name, type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", ""), role, inputs, memory, summary,
                new EquatableArray<UserParameter>(ordered), new EquatableArray<DiagnosticInfo>(problems), stageAt);
            if (problems.Count == 0) CheckMemory(info, stageAt, problems);
            return problems.Count == info.Problems.Count ? info : info with { Problems = new EquatableArray<DiagnosticInfo>(problems) };
        }

        /// <summary>
        /// The memory figure evaluates at the defaults and at every parameter's limits (the others at their defaults),
        /// and at the defaults stays within the default limit that decoders accept.
        /// </summary>
        private static void CheckMemory(UserStageInfo info, LocationInfo? at, List<DiagnosticInfo> problems)
        {
            string[] names = info.Parameters.Select(p => p.Name).ToArray();
            int[] defaults = info.Parameters.Select(p => p.Default).ToArray();
            var corners = new List<int[]> { defaults };
            for (int i = 0; i < names.Length; i++)
            {
                foreach (int limit in new[] { info.Parameters[i].Min, info.Parameters[i].Max })
                {
                    var values = (int[])defaults.Clone();
                    values[i] = limit;
                    corners.Add(values);
                }
            }
            foreach (int[] values in corners)
            {
                if (MemoryExpression.Evaluate(info.Memory, names, values, out string? error) != null) continue;
                problems.Add(new DiagnosticInfo(Diagnostics.StageMemory.Id, new EquatableArray<string>(new[] { info.Name, error! }), at));
                return;
            }
            long memory = info.Descriptor().MemoryOf!(defaults);
            if (memory > StageCatalog.DefaultMemoryLimit)
            {
                problems.Add(new DiagnosticInfo(Diagnostics.StageMemory.Id, new EquatableArray<string>(new[] { info.Name,
                    "memory '" + info.Memory + "' is " + StageCatalog.MebibytesRoundedUp(memory) + " MiB at the defaults (with 16 KiB of bookkeeping), above the "
                    + (StageCatalog.DefaultMemoryLimit >> 20) + " MiB decoders accept by default" }), at));
            }
        }

        /// <summary>A constructor of the declared parameters' ints (any order, names matching), then a long for predictors.</summary>
        private static bool Matches(IMethodSymbol constructor, IList<string> names, bool predictor)
        {
            if (constructor.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected) return false;
            var ps = constructor.Parameters;
            if (ps.Length != names.Count + (predictor ? 1 : 0)) return false;
            if (predictor && ps[ps.Length - 1].Type.SpecialType != SpecialType.System_Int64) return false;
            for (int i = 0; i < names.Count; i++)
            {
                if (ps[i].Type.SpecialType != SpecialType.System_Int32) return false;
                if (!names.Any(n => string.Equals(n, ps[i].Name, System.StringComparison.OrdinalIgnoreCase))) return false;
            }
            return ps.Take(names.Count).Select(p => p.Name.ToLowerInvariant()).Distinct().Count() == names.Count;
        }

        private static bool Implements(INamedTypeSymbol type, string name) => type.AllInterfaces.Any(i => i.ToDisplayString() == name);

        private static bool Reachable(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? t = type; t != null; t = t.ContainingType)
            {
                if (t.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal) return false;
            }
            return true;
        }

        private static object? Named(AttributeData attribute, string name)
        {
            foreach (var pair in attribute.NamedArguments) if (pair.Key == name) return pair.Value.Value;
            return null;
        }

        private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name.Substring(1);

    }
}
