using Microsoft.CodeAnalysis;

namespace Midicoth.Generator
{
    /// <summary>Every diagnostic the Midicoth generator reports. IDs are stable: MDG0001 onwards.</summary>
    internal static class Diagnostics
    {
        private const string Category = "Midicoth.Generator";

        public static readonly DiagnosticDescriptor NotPartial = new DiagnosticDescriptor(
            "MDG0001", "Compressor class must be partial",
            "Class '{0}' has [Compressor] but is not partial; add the 'partial' modifier so the generator can add the codec",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor NoPredictor = new DiagnosticDescriptor(
            "MDG0002", "Compressor has no predictor stage",
            "Compressor '{0}' has no predictor: {1}",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor UnknownStage = new DiagnosticDescriptor(
            "MDG0003", "Unknown stage kind",
            "Stage kind {0} is not one of {1}",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor DuplicateStage = new DiagnosticDescriptor(
            "MDG0004", "Stage declared twice",
            "Stage {0}: a stage kind may appear once (bit predictors and refinements: once with each set of parameters)",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor ParameterOutOfRange = new DiagnosticDescriptor(
            "MDG0005", "Stage parameter out of range",
            "{0}",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor StageOrder = new DiagnosticDescriptor(
            "MDG0006", "Stages in an order the data flow cannot support",
            "Stage {0}",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor IgnoredParameter = new DiagnosticDescriptor(
            "MDG0007", "Parameter not taken by this stage",
            "Stage '{0}' does not take parameter '{1}'; it is ignored (it takes: {2})",
            Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor UnsupportedClass = new DiagnosticDescriptor(
            "MDG0008", "Compressor class shape not supported",
            "Compressor '{0}' must be a non-generic, non-static, non-abstract class declared at namespace level ({1})",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor StageWithoutCompressor = new DiagnosticDescriptor(
            "MDG0009", "Stage attribute without [Compressor]",
            "Class '{0}' has [Stage] or [Denoise] but no [Compressor]; add [Compressor] or remove the stages",
            Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor MemberConflict = new DiagnosticDescriptor(
            "MDG0010", "Member name reserved by the generator",
            "Compressor '{0}' declares '{1}', which the generated codec defines; rename it",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor NoMixer = new DiagnosticDescriptor(
            "MDG0011", "Bit predictors without a mixer",
            "{0}",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor MixerWithoutInputs = new DiagnosticDescriptor(
            "MDG0012", "Mixer without inputs",
            "{0}",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor MixedFamilies = new DiagnosticDescriptor(
            "MDG0013", "Byte-wise and bit-wise stages combined",
            "{0}",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor MemoryAboveLimit = new DiagnosticDescriptor(
            "MDG0014", "Topology needs more memory than decoders accept",
            "Compressor '{0}' needs {1} MiB for its models, above the {2} MiB decoders accept by default; its files would be refused: use smaller Bits",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor TooManyInputs = new DiagnosticDescriptor(
            "MDG0015", "Mixer with too many inputs",
            "{0}",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor StageTypeShape = new DiagnosticDescriptor(
            "MDG0016", "User stage type shape not supported",
            "Stage '{0}' must be a non-generic struct the generated code can reach ({1})",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor StageWithoutRole = new DiagnosticDescriptor(
            "MDG0017", "User stage implements no role",
            "Stage '{0}' {1}: a stage implements Midicoth.Models.BitWise.IBitPredictor or IBitRefinement",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor StageNameMalformed = new DiagnosticDescriptor(
            "MDG0018", "User stage name malformed",
            "Stage name {0}",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor StageNameClash = new DiagnosticDescriptor(
            "MDG0019", "User stage name taken",
            "Stage name {0}",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor StageDeclaration = new DiagnosticDescriptor(
            "MDG0020", "User stage parameters or constructor malformed",
            "Stage '{0}': {1}",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor StageMemory = new DiagnosticDescriptor(
            "MDG0021", "User stage memory figure malformed or above the limit",
            "Stage '{0}': {1}",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor NotAStage = new DiagnosticDescriptor(
            "MDG0022", "Type is not a stage",
            "'{0}' has no [BitStage] attribute, so it cannot be declared as a stage",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static DiagnosticDescriptor ById(string id)
        {
            foreach (DiagnosticDescriptor d in All) if (d.Id == id) return d;
            throw new System.ArgumentException(id);
        }

        public static readonly DiagnosticDescriptor[] All =
        {
            NotPartial, NoPredictor, UnknownStage, DuplicateStage, ParameterOutOfRange, StageOrder, IgnoredParameter,
            UnsupportedClass, StageWithoutCompressor, MemberConflict, NoMixer, MixerWithoutInputs, MixedFamilies,
            MemoryAboveLimit, TooManyInputs, StageTypeShape, StageWithoutRole, StageNameMalformed, StageNameClash,
            StageDeclaration, StageMemory, NotAStage,
        };
    }
}
