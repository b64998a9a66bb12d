namespace Midicoth.Generator.Tests;

public class SnapshotTests
{
    [Fact]
    public void Paper_topology()
    {
        var (_, diagnostics, result) = GeneratorHarness.Run("""
            using Midicoth;
            using static Midicoth.StageKind;
            namespace Samples;
            [Compressor]
            [Stage(Ppm, Order = 4)] [Stage(Match)] [Stage(Word)] [Stage(HighOrder)] [Denoise(Steps = 3)]
            public partial class MidicothCodec { }
            """);
        Assert.Empty(diagnostics);
        SnapshotAssert.Matches("MidicothCodec.g.cs", result.GeneratedSources.Single().SourceText.ToString());
    }

    [Fact]
    public void Cheap_topology_in_the_global_namespace()
    {
        var (_, diagnostics, result) = GeneratorHarness.Run("""
            using Midicoth;
            [Compressor]
            [Stage(StageKind.Ppm, Order = 2)] [Stage(StageKind.Match, MinLength = 6, MaxLength = 12)]
            internal partial class Cheap { }
            """);
        Assert.Empty(diagnostics);
        SnapshotAssert.Matches("Cheap.g.cs", result.GeneratedSources.Single().SourceText.ToString());
    }

    [Fact]
    public void Fast_topology_as_the_sample_declares_it()
    {
        // The sample's own file, so that the snapshot is of exactly what mdg-fast compiles.
        string sample = File.ReadAllText(Path.Combine(RepoRoot(), "samples", "Fast", "FastCodec.cs"));
        var (_, diagnostics, result) = GeneratorHarness.Run("using Midicoth;\n" + sample);
        Assert.Empty(diagnostics);
        SnapshotAssert.Matches("FastCodec.g.cs", result.GeneratedSources.Single().SourceText.ToString());
    }

    [Fact]
    public void Max_topology_as_the_sample_declares_it()
    {
        // The two-layer mixer is called on its struct with the constant input count (no unrolled dot product).
        string sample = File.ReadAllText(Path.Combine(RepoRoot(), "samples", "Max", "MaxCodec.cs"));
        var (_, diagnostics, result) = GeneratorHarness.Run("using Midicoth;\n" + sample);
        Assert.Empty(diagnostics);
        SnapshotAssert.Matches("MaxCodec.g.cs", result.GeneratedSources.Single().SourceText.ToString());
    }

    [Fact]
    public void A_user_stage_as_the_Fields_sample_declares_it()
    {
        // The user's struct named in the step's type like a built-in stage; its registration with the run-time side.
        string codec = File.ReadAllText(Path.Combine(RepoRoot(), "samples", "Fields", "FieldsCodec.cs"));
        string stage = File.ReadAllText(Path.Combine(RepoRoot(), "samples", "Fields", "FieldStage.cs"));
        var (output, diagnostics, result) = GeneratorHarness.Run("using Midicoth;\n" + codec, "using System;\nusing Midicoth;\n" + stage);   // the samples have implicit usings
        Assert.Empty(diagnostics);
        Assert.Empty(output.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
        SnapshotAssert.Matches("FieldsCodec.g.cs", result.GeneratedSources.Single(s => s.HintName.EndsWith(".Compressor.g.cs")).SourceText.ToString());
        SnapshotAssert.Matches("FieldStage.Registration.g.cs", result.GeneratedSources.Single(s => s.HintName == "Midicoth.Stages.g.cs").SourceText.ToString());
    }

    [Fact]
    public void Bridge_topology_as_the_sample_declares_it()
    {
        // The byte-wise stack's step type and CreateStep, and the bridge over them as a bit predictor.
        string sample = File.ReadAllText(Path.Combine(RepoRoot(), "samples", "Bridge", "BridgeCodec.cs"));
        var (_, diagnostics, result) = GeneratorHarness.Run("using Midicoth;\n" + sample);
        Assert.Empty(diagnostics);
        SnapshotAssert.Matches("BridgeCodec.g.cs", result.GeneratedSources.Single().SourceText.ToString());
    }

    private static string RepoRoot([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", ".."));
}
