using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Midicoth.Generator
{
    /// <summary>Where a diagnostic points, kept as plain values (no syntax tree) so the pipeline stays cacheable.</summary>
    internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
    {
        public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

        public static LocationInfo? From(SyntaxNode? node)
        {
            if (node == null) return null;
            Location location = node.GetLocation();
            return new LocationInfo(location.SourceTree?.FilePath ?? "", location.SourceSpan, location.GetLineSpan().Span);
        }

        /// <summary>Where a symbol's name is written in source, or null.</summary>
        public static LocationInfo? OfName(ISymbol symbol)
        {
            Location? location = System.Linq.Enumerable.FirstOrDefault(symbol.Locations, l => l.IsInSource);
            return location == null ? null : new LocationInfo(location.SourceTree?.FilePath ?? "", location.SourceSpan, location.GetLineSpan().Span);
        }
    }

    /// <summary>A diagnostic to report: its descriptor id, message arguments and location.</summary>
    internal sealed record DiagnosticInfo(string Id, EquatableArray<string> Arguments, LocationInfo? Location);

    /// <summary>
    /// One [Stage] (or [Denoise]) as written: the kind's value and every named parameter set; or one
    /// [Stage&lt;T&gt;]: <see cref="User"/> (null when T has no [BitStage]: <see cref="TypeName"/> says which type)
    /// and its positional <see cref="Values"/>.
    /// </summary>
    internal sealed record StageInfo(int Kind, EquatableArray<NamedValue> Parameters, LocationInfo? Location,
        UserStageInfo? User = null, EquatableArray<int> Values = default, string? TypeName = null)
    {
        /// <summary>Whether this is a [Stage&lt;T&gt;].</summary>
        public bool IsUser => TypeName != null;
    }

    /// <summary>A named attribute argument (<c>Order = 4</c>) and where it is written.</summary>
    internal sealed record NamedValue(string Name, int Value, LocationInfo? Location) : IEquatable<NamedValue>;

    /// <summary>Everything the generator needs about one [Compressor] class; value-equatable.</summary>
    internal sealed record CompressorSpec(
        string? Namespace,
        string ClassName,
        string Accessibility,
        EquatableArray<StageInfo> Stages,
        EquatableArray<DiagnosticInfo> ShapeProblems,
        LocationInfo? ClassLocation);
}
