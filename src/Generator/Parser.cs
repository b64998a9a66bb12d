using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Midicoth.Generator
{
    /// <summary>Reads a [Compressor] class into a <see cref="CompressorSpec"/>: attributes as written, class shape problems.</summary>
    internal static class Parser
    {
        public const string CompressorAttribute = "Midicoth.CompressorAttribute";
        public const string StageAttribute = "Midicoth.StageAttribute";
        public const string DenoiseAttribute = "Midicoth.DenoiseAttribute";
        public const string GenericStageAttribute = "Midicoth.StageAttribute<T>";

        /// <summary>The metadata name of <c>[Stage&lt;T&gt;]</c>, for <c>ForAttributeWithMetadataName</c>.</summary>
        public const string GenericStageMetadataName = "Midicoth.StageAttribute`1";

        /// <summary>Names the generated code defines in the class.</summary>
        public static readonly string[] ReservedMembers =
        {
            "TopologyText", "Instance", "Compress", "Decompress", "EncodePayload", "DecodePayload", "CreateStep", BitModelEmitter.CreateName, Emitter.TransformsName,
        };

        public static CompressorSpec Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellation)
        {
            var symbol = (INamedTypeSymbol)context.TargetSymbol;
            var syntax = (ClassDeclarationSyntax)context.TargetNode;
            LocationInfo? classLocation = LocationInfo.From(syntax.Identifier.Parent is ClassDeclarationSyntax c ? (SyntaxNode)c : syntax);
            var identifierLocation = new LocationInfo(
                syntax.SyntaxTree.FilePath, syntax.Identifier.Span, syntax.Identifier.GetLocation().GetLineSpan().Span);

            var problems = new List<DiagnosticInfo>();
            if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                problems.Add(new DiagnosticInfo(Diagnostics.NotPartial.Id, new EquatableArray<string>(new[] { symbol.Name }), identifierLocation));
            }
            string? shape =
                symbol.ContainingType != null ? "it is nested in " + symbol.ContainingType.Name
                : symbol.IsGenericType ? "it is generic"
                : symbol.IsStatic ? "it is static"
                : symbol.IsAbstract ? "it is abstract"
                : null;
            if (shape != null)
            {
                problems.Add(new DiagnosticInfo(Diagnostics.UnsupportedClass.Id, new EquatableArray<string>(new[] { symbol.Name, shape }), identifierLocation));
            }
            foreach (string reserved in ReservedMembers)
            {
                ISymbol? member = symbol.GetMembers(reserved).FirstOrDefault(m => !m.IsImplicitlyDeclared);
                if (member != null)
                {
                    problems.Add(new DiagnosticInfo(Diagnostics.MemberConflict.Id, new EquatableArray<string>(new[] { symbol.Name, reserved }),
                        LocationInfo.OfName(member) ?? identifierLocation));
                }
            }

            var stages = new List<StageInfo>();
            StageInfo? denoise = null;
            foreach (AttributeData attribute in symbol.GetAttributes())
            {
                cancellation.ThrowIfCancellationRequested();
                string? name = attribute.AttributeClass?.ToDisplayString();
                LocationInfo? location = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellation));
                if (name == StageAttribute && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int kind)
                {
                    stages.Add(new StageInfo(kind, NamedValues(attribute, cancellation), location));
                }
                else if (attribute.AttributeClass is { IsGenericType: true } generic && generic.OriginalDefinition.ToDisplayString() == GenericStageAttribute
                    && generic.TypeArguments[0] is INamedTypeSymbol type && type.TypeKind != TypeKind.Error)
                {
                    // [Stage<T>(values)]: a user's stage, read from T's own attributes (it may live in another assembly).
                    int[] values = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Kind == TypedConstantKind.Array
                        ? attribute.ConstructorArguments[0].Values.Select(v => v.Value is int n ? n : 0).ToArray()
                        : new int[0];
                    stages.Add(new StageInfo(StageCatalog.UserKind, default, location, UserStageReader.Read(type, cancellation),
                        new EquatableArray<int>(values), type.ToDisplayString()));
                }
                else if (name == DenoiseAttribute)
                {
                    // [Denoise(Steps = N)] is [Stage(Denoise, Steps = N)], applied last of the byte-wise stages: last
                    // (as it always was), or just before a bridge, which feeds the byte-wise stack to a mixer.
                    denoise = new StageInfo(StageCatalog.Denoise.Kind, NamedValues(attribute, cancellation), location);
                }
            }
            if (denoise != null)
            {
                int bridge = stages.FindIndex(s => s.Kind == StageCatalog.Bridge.Kind);
                stages.Insert(bridge < 0 ? stages.Count : bridge, denoise);
            }

            return new CompressorSpec(
                symbol.ContainingNamespace.IsGlobalNamespace ? null : symbol.ContainingNamespace.ToDisplayString(),
                symbol.Name,
                SyntaxFacts.GetText(symbol.DeclaredAccessibility == Accessibility.Public ? SyntaxKind.PublicKeyword : SyntaxKind.InternalKeyword),
                new EquatableArray<StageInfo>(stages),
                new EquatableArray<DiagnosticInfo>(problems),
                identifierLocation);
        }

        /// <summary>The int-valued named arguments of an attribute, each with the location of its <c>Name = value</c>.</summary>
        private static EquatableArray<NamedValue> NamedValues(AttributeData attribute, CancellationToken cancellation)
        {
            var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellation) as AttributeSyntax;
            var values = new List<NamedValue>();
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Value.Value is not int value) continue;
                AttributeArgumentSyntax? written = syntax?.ArgumentList?.Arguments
                    .FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == argument.Key);
                values.Add(new NamedValue(argument.Key, value, LocationInfo.From(written)));
            }
            return new EquatableArray<NamedValue>(values);
        }

    }
}
