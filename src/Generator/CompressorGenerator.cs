using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Midicoth.Generator
{
    /// <summary>
    /// For every class marked [Compressor], emits a codec compiled for exactly the declared topology
    /// (see <see cref="Emitter"/>), or the MDG diagnostics that explain why it cannot.
    /// Pipeline: ForAttributeWithMetadataName → <see cref="Parser"/> (value-equatable spec, no symbols kept) →
    /// <see cref="Validator"/> → <see cref="Emitter"/>.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class CompressorGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            IncrementalValuesProvider<CompressorSpec> compressors = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    Parser.CompressorAttribute,
                    static (node, _) => node is ClassDeclarationSyntax,
                    static (ctx, ct) => Parser.Parse(ctx, ct))
                .WithTrackingName("CompressorSpec");

            context.RegisterSourceOutput(compressors, static (spc, spec) => Produce(spc, spec));

            // [Stage], [Denoise] or [Stage<T>] on a class that is not a [Compressor] does nothing: say so.
            ReportOrphans(context, Parser.StageAttribute, "OrphanStages");
            ReportOrphans(context, Parser.GenericStageMetadataName, "OrphanUserStages");

            // Structs with [BitStage]: their problems, and their registration with the run-time side.
            IncrementalValueProvider<System.Collections.Immutable.ImmutableArray<UserStageInfo>> userStages = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    UserStageReader.BitStageAttribute,
                    static (node, _) => node is TypeDeclarationSyntax,
                    static (ctx, ct) => UserStageReader.Read((INamedTypeSymbol)ctx.TargetSymbol, ct)!)
                .WithTrackingName("UserStages")
                .Collect();
            context.RegisterSourceOutput(userStages, static (spc, stages) => ProduceStages(spc, stages));

            // The library's own assemblies get what follows from the stage catalog (see CatalogEmitter).
            IncrementalValueProvider<string?> assembly = context.CompilationProvider.Select(static (c, _) => c.AssemblyName);
            context.RegisterSourceOutput(assembly, static (spc, name) =>
            {
                foreach (var (hint, source) in CatalogEmitter.For(name)) spc.AddSource(hint, source);
            });
        }

        /// <summary>Warns (MDG0009) where <paramref name="attribute"/> stands on a class without [Compressor].</summary>
        private static void ReportOrphans(IncrementalGeneratorInitializationContext context, string attribute, string trackingName)
        {
            IncrementalValuesProvider<DiagnosticInfo> orphans = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    attribute,
                    static (node, _) => node is ClassDeclarationSyntax,
                    static (ctx, _) => ctx.TargetSymbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == Parser.CompressorAttribute)
                        ? null
                        : new DiagnosticInfo(Diagnostics.StageWithoutCompressor.Id,
                            new EquatableArray<string>(new[] { ctx.TargetSymbol.Name }),
                            LocationInfo.From(ctx.Attributes[0].ApplicationSyntaxReference?.GetSyntax())))
                .Where(static d => d != null)
                .Select(static (d, _) => d!)
                .WithTrackingName(trackingName);
            context.RegisterSourceOutput(orphans, static (spc, d) => Report(spc, d));
        }

        private static void Produce(SourceProductionContext context, CompressorSpec spec)
        {
            List<DiagnosticInfo> diagnostics = Validator.Validate(spec, out List<ResolvedStage> stages, out string topologyText);
            foreach (DiagnosticInfo d in diagnostics) Report(context, d);
            bool hasErrors = diagnostics.Any(d => Diagnostics.ById(d.Id).DefaultSeverity == DiagnosticSeverity.Error);
            if (hasErrors || stages.Count == 0) return;
            string hint = (spec.Namespace == null ? "" : spec.Namespace + ".") + spec.ClassName + ".Compressor.g.cs";
            context.AddSource(hint, Emitter.Emit(spec, stages, topologyText));
            List<UserStageInfo> users = spec.Stages.Where(s => s.User != null).Select(s => s.User!).Distinct().ToList();
            if (users.Count > 0)
            {
                string owner = (spec.Namespace == null ? "" : spec.Namespace + ".") + spec.ClassName;
                context.AddSource(owner + ".Stages.g.cs", RegistrationEmitter.Emit("the user stages of " + spec.ClassName, RegistrationEmitter.ClassName(owner), users));
            }
        }

        private static void ProduceStages(SourceProductionContext context, System.Collections.Immutable.ImmutableArray<UserStageInfo> stages)
        {
            var valid = new List<UserStageInfo>();
            foreach (UserStageInfo stage in stages)
            {
                foreach (DiagnosticInfo d in stage.Problems) Report(context, d);
                if (stage.Problems.Count > 0) continue;
                // The second of two stages with one name is the one reported (the first keeps it).
                UserStageInfo? other = valid.FirstOrDefault(s => string.Equals(s.Name, stage.Name, System.StringComparison.OrdinalIgnoreCase));
                if (other != null)
                {
                    Report(context, new DiagnosticInfo(Diagnostics.StageNameClash.Id,
                        new EquatableArray<string>(new[] { "'" + stage.Name + "' names both " + stage.TypeName + " and " + other.TypeName }), stage.NameLocation));
                    continue;
                }
                valid.Add(stage);
            }
            if (valid.Count == 0) return;
            context.AddSource("Midicoth.Stages.g.cs", RegistrationEmitter.Emit("the [BitStage] structs of this project", "MidicothStagesOfThisProject" /* no codec's class name gives it: theirs have an underscore */, valid));
        }

        private static void Report(SourceProductionContext context, DiagnosticInfo info) =>
            context.ReportDiagnostic(Diagnostic.Create(
                Diagnostics.ById(info.Id), info.Location?.ToLocation() ?? Location.None, info.Arguments.Cast<object>().ToArray()));
    }
}
