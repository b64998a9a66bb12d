using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Midicoth.Generator.Tests;

/// <summary>The pipeline caches: a second run, or an edit elsewhere, does not redo the compressor's work.</summary>
public class IncrementalTests
{
    private const string Source = """
        using Midicoth;
        using static Midicoth.StageKind;
        namespace N;
        [Compressor, Stage(Ppm, Order = 3), Stage(Match), Denoise(Steps = 2)]
        public partial class Codec { }
        """;

    [Fact]
    public void Second_run_is_cached()
    {
        var compilation = GeneratorHarness.Compile(Source);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation, TestContext.Current.CancellationToken);
        driver = driver.RunGenerators(compilation, TestContext.Current.CancellationToken);
        var steps = driver.GetRunResult().Results.Single().TrackedSteps["CompressorSpec"];
        Assert.All(steps.SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Unrelated_edit_leaves_the_spec_unchanged()
    {
        var compilation = GeneratorHarness.Compile(Source);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation, TestContext.Current.CancellationToken);
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace N; public class Other { public int X; }", GeneratorHarness.ParseOptions, cancellationToken: TestContext.Current.CancellationToken));
        driver = driver.RunGenerators(edited, TestContext.Current.CancellationToken);
        var steps = driver.GetRunResult().Results.Single().TrackedSteps["CompressorSpec"];
        Assert.All(steps.SelectMany(s => s.Outputs), o =>
            Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
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
}
