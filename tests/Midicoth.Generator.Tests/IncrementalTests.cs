using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Midicoth.Generator.Tests;

/// <summary>
/// The pipeline caches: an edit elsewhere, or an edit in the compressor's own file that does not touch its
/// declaration, does not redo the compressor's work. Each test edits the compilation between the two runs (running
/// the same compilation twice would be cached whatever the spec was), and a canary generator whose spec has no
/// value equality shows that the check fails when a spec stops being equatable.
/// </summary>
public class IncrementalTests
{
    private const string Source = """
        using Midicoth;
        using static Midicoth.StageKind;
        namespace N;
        [Compressor, Stage(Ppm, Order = 3), Stage(Match), Denoise(Steps = 2)]
        public partial class Codec { }
        """;

    private const string Other = "namespace N; public class Other { public int X; }";

    /// <summary>Runs <paramref name="driver"/> on the compilation, then on <paramref name="edit"/> of it; returns the second run's steps.</summary>
    private static IncrementalGeneratorRunStep[] StepsAfterEdit(GeneratorDriver driver, Func<CSharpCompilation, Compilation> edit)
    {
        var compilation = GeneratorHarness.Compile(Source).AddSyntaxTrees(Parse(Other, "Other.cs"));
        driver = driver.RunGenerators(compilation, TestContext.Current.CancellationToken);
        driver = driver.RunGenerators(edit(compilation), TestContext.Current.CancellationToken);
        return driver.GetRunResult().Results.Single().TrackedSteps["CompressorSpec"].ToArray();
    }

    private static SyntaxTree Parse(string text, string path) =>
        CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path, cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>Edits the compressor's own file: a class added after the declaration.</summary>
    private static Compilation EditTheCodecsFile(CSharpCompilation c) =>
        c.ReplaceSyntaxTree(c.SyntaxTrees.First(t => t.FilePath == "User.cs"), Parse(Source + "\npublic class Beside { public int Y; }", "User.cs"));

    /// <summary>Edits another file.</summary>
    private static Compilation EditAnotherFile(CSharpCompilation c) =>
        c.ReplaceSyntaxTree(c.SyntaxTrees.First(t => t.FilePath == "Other.cs"), Parse(Other.Replace("X;", "X, Z;"), "Other.cs"));

    private static void AssertNotRedone(IncrementalGeneratorRunStep[] steps)
    {
        Assert.NotEmpty(steps);
        Assert.All(steps.SelectMany(s => s.Outputs), o =>
            Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
    }

    [Fact]
    public void An_edit_in_another_file_leaves_the_spec_cached()
    {
        AssertNotRedone(StepsAfterEdit(GeneratorHarness.CreateDriver(), EditAnotherFile));
    }

    [Fact]
    public void An_edit_beside_the_declaration_gives_an_equal_spec()
    {
        // The file changed, so the parser runs again: the spec it makes must equal the last one (Unchanged).
        IncrementalGeneratorRunStep[] steps = StepsAfterEdit(GeneratorHarness.CreateDriver(), EditTheCodecsFile);
        AssertNotRedone(steps);
        Assert.Contains(steps.SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void The_check_fails_for_a_spec_without_value_equality()
    {
        var canary = CSharpGeneratorDriver.Create(
            [new ReferenceEqualSpecGenerator().AsSourceGenerator()],
            parseOptions: GeneratorHarness.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        IncrementalGeneratorRunStep[] steps = StepsAfterEdit(canary, EditTheCodecsFile);
        Assert.Contains(steps.SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.ThrowsAny<Exception>(() => AssertNotRedone(steps));
    }

    [Fact]
    public void Spec_holds_no_symbols_or_syntax()
    {
        var compilation = GeneratorHarness.Compile(Source);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation, TestContext.Current.CancellationToken);
        var step = driver.GetRunResult().Results.Single().TrackedSteps["CompressorSpec"].Single();
        object value = step.Outputs.Single().Value;
        foreach (var property in value.GetType().GetProperties())
        {
            Assert.False(typeof(ISymbol).IsAssignableFrom(property.PropertyType), property.Name);
            Assert.False(typeof(SyntaxNode).IsAssignableFrom(property.PropertyType), property.Name);
            Assert.False(typeof(Location).IsAssignableFrom(property.PropertyType), property.Name);
        }
    }

    /// <summary>The same first step as the real generator, with a spec that has only reference equality.</summary>
    private sealed class ReferenceEqualSpecGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var specs = context.SyntaxProvider
                .ForAttributeWithMetadataName("Midicoth.CompressorAttribute", (_, _) => true, (c, _) => new Spec(c.TargetSymbol.Name))
                .WithTrackingName("CompressorSpec");
            context.RegisterSourceOutput(specs, (output, spec) => output.AddSource(spec.Name + ".g.cs", "// " + spec.Name));
        }

        private sealed class Spec(string name)
        {
            public string Name { get; } = name;
        }
    }
}
