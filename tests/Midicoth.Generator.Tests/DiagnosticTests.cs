using Microsoft.CodeAnalysis;

namespace Midicoth.Generator.Tests;

/// <summary>Every MDG diagnostic: its id, severity, and where it points; and no generated code when it is an error.</summary>
public class DiagnosticTests
{
    private static void AssertDiagnostic(string body, string id, string markedText, DiagnosticSeverity severity = DiagnosticSeverity.Error, bool stagesStillRegister = false, bool alsoAtTheStage = false)
    {
        string source = "using Midicoth;\nusing static Midicoth.StageKind;\nnamespace N;\n" + body;
        var (output, diagnostics, result) = GeneratorHarness.Run(source);
        // alsoAtTheStage: a user stage's problem is reported at the stage and again where a codec declares it.
        Diagnostic d = alsoAtTheStage
            ? Assert.Single(diagnostics, x => x.Id == id && source.Substring(x.Location.SourceSpan.Start, x.Location.SourceSpan.Length) == markedText)
            : Assert.Single(diagnostics, x => x.Id == id);
        Assert.Equal(severity, d.Severity);
        Assert.Equal("User.cs", d.Location.SourceTree?.FilePath ?? d.Location.GetLineSpan().Path);
        string located = source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length);
        Assert.True(markedText == located, $"{id} points at '{located}', expected exactly '{markedText}'");
        // An error stops what it concerns: the codec; and a stage's, its registration (another, valid, stage still registers).
        if (severity == DiagnosticSeverity.Error && !stagesStillRegister) Assert.Empty(result.GeneratedSources);
        if (severity == DiagnosticSeverity.Error) Assert.DoesNotContain(result.GeneratedSources, g => g.HintName.EndsWith(".Compressor.g.cs"));
        // Whatever was declared, the user's code plus ours still compiles (apart from the user's own errors).
        Assert.DoesNotContain(output.GetDiagnostics(), x => x.Severity == DiagnosticSeverity.Error && x.Location.SourceTree?.FilePath != "User.cs");
    }

    [Fact] public void MDG0001_class_not_partial() =>
        AssertDiagnostic("[Compressor, Stage(Ppm)] public class Codec { }", "MDG0001", "Codec");

    [Fact] public void MDG0002_no_predictor_stage() =>
        AssertDiagnostic("[Compressor, Stage(Match), Denoise] public partial class Codec { }", "MDG0002", "Codec");

    [Fact] public void MDG0002_no_stage_at_all() =>
        AssertDiagnostic("[Compressor] public partial class Codec { }", "MDG0002", "Codec");

    [Fact] public void MDG0003_unknown_stage_kind() =>
        AssertDiagnostic("[Compressor, Stage(Ppm), Stage((StageKind)42)] public partial class Codec { }", "MDG0003", "Stage((StageKind)42)");

    [Fact] public void MDG0004_duplicated_stage() =>
        AssertDiagnostic("[Compressor, Stage(Ppm), Stage(Match), Stage(Match, MinLength = 6)] public partial class Codec { }", "MDG0004", "Stage(Match, MinLength = 6)");

    [Fact] public void MDG0005_negative_order() =>
        AssertDiagnostic("[Compressor, Stage(Ppm, Order = -1)] public partial class Codec { }", "MDG0005", "Order = -1");

    [Fact] public void MDG0005_zero_denoise_steps() =>
        AssertDiagnostic("[Compressor, Stage(Ppm), Denoise(Steps = 0)] public partial class Codec { }", "MDG0005", "Steps = 0");

    [Fact] public void MDG0005_a_default_out_of_range_points_at_the_stage() =>
        AssertDiagnostic("[Compressor, Stage(Ppm), Stage(HighOrder, MaxOrder = 4)] public partial class Codec { }", "MDG0005", "Stage(HighOrder, MaxOrder = 4)");

    [Fact] public void MDG0005_match_length_not_on_the_ladder() =>
        AssertDiagnostic("[Compressor, Stage(Ppm), Stage(Match, MinLength = 5)] public partial class Codec { }", "MDG0005", "MinLength = 5");

    [Fact] public void MDG0005_inverted_range() =>
        AssertDiagnostic("[Compressor, Stage(Ppm), Stage(HighOrder, MinOrder = 9, MaxOrder = 6)] public partial class Codec { }", "MDG0005", "MinOrder = 9");

    [Fact] public void MDG0006_predictor_not_first() =>
        AssertDiagnostic("[Compressor, Stage(Match), Stage(Ppm)] public partial class Codec { }", "MDG0006", "Stage(Ppm)");

    [Fact] public void MDG0006_correction_not_last() =>
        AssertDiagnostic("[Compressor, Stage(Ppm), Stage(Denoise), Stage(Match)] public partial class Codec { }", "MDG0006", "Stage(Denoise)");

    [Fact] public void MDG0004_denoise_declared_both_ways() =>
        AssertDiagnostic("[Compressor, Stage(Ppm), Stage(Denoise, Steps = 2), Denoise] public partial class Codec { }", "MDG0004", "Denoise");

    [Fact] public void MDG0007_parameter_the_stage_does_not_take() =>
        AssertDiagnostic("[Compressor, Stage(Ppm), Stage(Word, Order = 3)] public partial class Codec { }", "MDG0007", "Order = 3", DiagnosticSeverity.Warning);

    [Fact] public void MDG0008_generic_class() =>
        AssertDiagnostic("[Compressor, Stage(Ppm)] public partial class Codec<T> { }", "MDG0008", "Codec");

    [Fact] public void MDG0008_nested_class() =>
        AssertDiagnostic("public partial class Outer { [Compressor, Stage(Ppm)] public partial class Codec { } }", "MDG0008", "Codec");

    [Fact] public void MDG0009_stages_without_compressor() =>
        AssertDiagnostic("[Stage(Ppm)] public partial class Codec { }", "MDG0009", "Stage(Ppm)", DiagnosticSeverity.Warning);

    [Fact] public void MDG0010_reserved_member() =>
        AssertDiagnostic("[Compressor, Stage(Ppm)] public partial class Codec { public static int Compress() => 0; }", "MDG0010", "Compress");

    [Fact] public void MDG0011_bit_predictors_without_a_mixer() =>
        AssertDiagnostic("[Compressor, Stage(Context, Order = 1), Stage(Context, Order = 2)] public partial class Codec { }", "MDG0011", "Stage(Context, Order = 2)");

    [Fact] public void MDG0012_mixer_without_inputs() =>
        AssertDiagnostic("[Compressor, Stage(Mixer), Stage(Apm)] public partial class Codec { }", "MDG0012", "Stage(Mixer)");

    [Fact] public void MDG0013_byte_wise_and_bit_wise_stages_combined() =>
        AssertDiagnostic("[Compressor, Stage(Ppm), Stage(Context, Order = 2), Stage(Mixer)] public partial class Codec { }", "MDG0013", "Stage(Context, Order = 2)");

    [Fact] public void MDG0013_a_denoiser_after_a_mixer() =>
        AssertDiagnostic("[Compressor, Stage(Context, Order = 2), Stage(Mixer), Denoise] public partial class Codec { }", "MDG0013", "Denoise");

    [Fact] public void MDG0014_memory_above_what_decoders_accept() =>
        AssertDiagnostic("[Compressor, Stage(Context, Order = 1, Bits = 30), Stage(Context, Order = 2, Bits = 30), Stage(Mixer)] public partial class Codec { }", "MDG0014", "Codec");

    [Fact]
    public void MDG0015_more_mixer_inputs_than_allowed()
    {
        // 17 orders with 4 table sizes: 68 distinct context maps, 69 inputs with the bias.
        var stages = Enumerable.Range(0, 17).SelectMany(order => Enumerable.Range(16, 4).Select(bits => $"Stage(Context, Order = {order}, Bits = {bits})"));
        AssertDiagnostic("[Compressor, " + string.Join(", ", stages) + ", Stage(Mixer)] public partial class Codec { }", "MDG0015", "Stage(Mixer)");
    }

    [Fact] public void MDG0006_refinement_before_the_mixer() =>
        AssertDiagnostic("[Compressor, Stage(Context, Order = 2), Stage(Apm), Stage(Mixer)] public partial class Codec { }", "MDG0006", "Stage(Apm)");

    [Fact] public void MDG0006_bit_predictor_after_the_mixer() =>
        AssertDiagnostic("[Compressor, Stage(Context, Order = 2), Stage(Mixer), Stage(Words)] public partial class Codec { }", "MDG0006", "Stage(Words)");

    [Fact] public void MDG0004_the_same_context_twice() =>
        AssertDiagnostic("[Compressor, Stage(Context, Order = 2), Stage(Context, Order = 2), Stage(Mixer)] public partial class Codec { }", "MDG0004", "Stage(Context, Order = 2)");

    [Fact] public void MDG0005_context_order_out_of_range() =>
        AssertDiagnostic("[Compressor, Stage(Context, Order = 17), Stage(Mixer)] public partial class Codec { }", "MDG0005", "Order = 17");

    [Fact] public void MDG0005_table_size_out_of_range() =>
        AssertDiagnostic("[Compressor, Stage(Context, Order = 2, Bits = 31), Stage(Mixer)] public partial class Codec { }", "MDG0005", "Bits = 31");

    [Fact] public void MDG0004_a_second_mixer() =>
        AssertDiagnostic("[Compressor, Stage(Context, Order = 2), Stage(Mixer), Stage(Mixer2)] public partial class Codec { }", "MDG0004", "Stage(Mixer2)");

    [Fact] public void MDG0004_the_bridge_twice() =>
        AssertDiagnostic("[Compressor, Stage(Ppm), Stage(Bridge), Stage(Bridge), Stage(Mixer)] public partial class Codec { }", "MDG0004", "Stage(Bridge)");

    [Fact] public void MDG0006_a_bridge_with_no_byte_wise_stack_before_it() =>
        AssertDiagnostic("[Compressor, Stage(Bridge), Stage(Context, Order = 1), Stage(Mixer)] public partial class Codec { }", "MDG0006", "Stage(Bridge)");

    [Fact] public void MDG0006_a_bridge_after_bit_predictors() =>
        AssertDiagnostic("[Compressor, Stage(Context, Order = 1), Stage(Bridge), Stage(Mixer)] public partial class Codec { }", "MDG0006", "Stage(Bridge)");

    [Fact] public void MDG0006_a_blend_first_in_the_bridges_stack() =>
        AssertDiagnostic("[Compressor, Stage(Match), Stage(Ppm), Stage(Bridge), Stage(Mixer)] public partial class Codec { }", "MDG0006", "Stage(Ppm)");

    [Fact] public void MDG0013_a_byte_wise_stage_after_the_bridge() =>
        AssertDiagnostic("[Compressor, Stage(Ppm), Stage(Bridge), Stage(Match), Stage(Context, Order = 1), Stage(Mixer)] public partial class Codec { }", "MDG0013", "Stage(Match)");

    [Fact] public void MDG0013_a_bit_predictor_before_the_bridge() =>
        AssertDiagnostic("[Compressor, Stage(Ppm), Stage(Context, Order = 1), Stage(Bridge), Stage(Mixer)] public partial class Codec { }", "MDG0013", "Stage(Context, Order = 1)");

    [Fact] public void MDG0012_a_two_layer_mixer_without_inputs() =>
        AssertDiagnostic("[Compressor, Stage(Mixer2), Stage(Apm)] public partial class Codec { }", "MDG0012", "Stage(Mixer2)");

    [Fact] public void MDG0005_sparse_skip_out_of_range() =>
        AssertDiagnostic("[Compressor, Stage(Sparse, Skip = 9), Stage(Mixer)] public partial class Codec { }", "MDG0005", "Skip = 9");

    [Fact] public void MDG0005_direct_order_out_of_range() =>
        AssertDiagnostic("[Compressor, Stage(Direct, Order = 3), Stage(Mixer)] public partial class Codec { }", "MDG0005", "Order = 3");

    [Fact] public void MDG0005_indirect_order_out_of_range() =>
        AssertDiagnostic("[Compressor, Stage(Indirect, Order = 3), Stage(Mixer)] public partial class Codec { }", "MDG0005", "Order = 3");

    [Fact] public void MDG0005_mixer2_sets_out_of_range() =>
        AssertDiagnostic("[Compressor, Stage(Context, Order = 1), Stage(Mixer2, Sets = 7)] public partial class Codec { }", "MDG0005", "Sets = 7");

    [Fact] public void MDG0005_records_table_out_of_range() =>
        AssertDiagnostic("[Compressor, Stage(Records, Bits = 15), Stage(Mixer)] public partial class Codec { }", "MDG0005", "Bits = 15");

    [Fact] public void MDG0005_jpeg_table_out_of_range() =>
        AssertDiagnostic("[Compressor, Stage(Jpeg, Bits = 29), Stage(Mixer)] public partial class Codec { }", "MDG0005", "Bits = 29");

    [Fact] public void MDG0007_the_bridge_takes_no_parameters() =>
        AssertDiagnostic("[Compressor, Stage(Ppm), Stage(Bridge, Order = 2), Stage(Context, Order = 1), Stage(Mixer)] public partial class Codec { }", "MDG0007", "Order = 2", DiagnosticSeverity.Warning);

    // User stages ([BitStage] structs), at the struct or its attribute, and where a codec declares them.
    private static string UserStage(string name = "acme.field", string shape = "public struct", string roles = " : Midicoth.Models.BitWise.IBitPredictor",
        string memory = "1 << Bits", string parameter = "[StageParameter(\"Bits\", 16, 10, 20)]", string constructor = "int bits, long inputLength") => $$"""
        [BitStage("{{name}}", Memory = "{{memory}}")] {{parameter}}
        {{shape}} Field{{roles}}
        {
            public Field({{constructor}}) { }
            public int InputCount => 1;
            public long AllocatedBytes => 0;
            public void Predict(ref Midicoth.Models.BitWise.BitContext c, ref int inputs) { }
            public void Update(ref Midicoth.Models.BitWise.BitContext c, int bit) { }
            public void EndByte(ref Midicoth.Models.BitWise.BitContext c) { }
        }
        """;

    [Fact] public void MDG0016_a_class_as_a_stage() =>
        AssertDiagnostic(UserStage(shape: "public class"), "MDG0016", "Field");

    [Fact] public void MDG0016_a_private_nested_stage() =>
        AssertDiagnostic("public class Outer { " + UserStage(shape: "private struct") + " }", "MDG0016", "Field");

    [Fact] public void MDG0017_a_stage_with_no_role() =>
        AssertDiagnostic(UserStage(roles: ""), "MDG0017", "Field");

    [Fact] public void MDG0018_a_stage_name_without_an_owner() =>
        AssertDiagnostic(UserStage(name: "field"), "MDG0018", "BitStage(\"field\", Memory = \"1 << Bits\")");

    [Fact] public void MDG0018_a_stage_name_in_capitals() =>
        AssertDiagnostic(UserStage(name: "Acme.Field"), "MDG0018", "BitStage(\"Acme.Field\", Memory = \"1 << Bits\")");

    [Fact] public void MDG0019_a_stage_named_like_a_built_in_one() =>
        AssertDiagnostic(UserStage(name: "ctx"), "MDG0019", "BitStage(\"ctx\", Memory = \"1 << Bits\")");

    [Fact] public void MDG0019_two_stages_of_one_name() =>
        AssertDiagnostic(UserStage() + "\nnamespace M { " + UserStage() + " }", "MDG0019", "BitStage(\"acme.field\", Memory = \"1 << Bits\")", stagesStillRegister: true);

    [Fact] public void MDG0020_a_parameter_range_beyond_a_byte() =>
        AssertDiagnostic(UserStage(parameter: "[StageParameter(\"Bits\", 16, 10, 300)]"), "MDG0020", "StageParameter(\"Bits\", 16, 10, 300)");

    [Fact] public void MDG0020_a_default_outside_the_range() =>
        AssertDiagnostic(UserStage(parameter: "[StageParameter(\"Bits\", 30, 10, 20)]"), "MDG0020", "StageParameter(\"Bits\", 30, 10, 20)");

    [Fact] public void MDG0020_no_constructor_for_the_parameters() =>
        AssertDiagnostic(UserStage(constructor: "int size, long inputLength"), "MDG0020", "Field");

    [Fact] public void MDG0021_a_memory_figure_that_does_not_parse() =>
        AssertDiagnostic(UserStage(memory: "1 << Bitz"), "MDG0021", "BitStage(\"acme.field\", Memory = \"1 << Bitz\")");

    [Fact] public void MDG0021_a_memory_figure_above_the_default_limit() =>
        AssertDiagnostic(UserStage(memory: "1 << (Bits + 15)"), "MDG0021", "BitStage(\"acme.field\", Memory = \"1 << (Bits + 15)\")");

    [Fact] public void MDG0022_a_stage_type_without_BitStage() =>
        AssertDiagnostic("public struct Plain { }\n[Compressor, Stage<Plain>, Stage(Mixer)] public partial class Codec { }", "MDG0022", "Stage<Plain>");

    [Fact] public void MDG0005_a_user_stage_parameter_out_of_range() =>
        AssertDiagnostic(UserStage() + "\n[Compressor, Stage<Field>(21), Stage(Mixer)] public partial class Codec { }", "MDG0005", "Stage<Field>(21)", stagesStillRegister: true);

    [Fact] public void MDG0017_reported_where_a_codec_declares_the_stage_too() =>
        AssertDiagnostic("namespace Other { " + UserStage(roles: "") + " }\n[Compressor, Stage<Other.Field>, Stage(Mixer)] public partial class Codec { }",
            "MDG0017", "Stage<Other.Field>", alsoAtTheStage: true);

    [Fact] public void MDG0009_a_user_stage_without_Compressor() =>
        AssertDiagnostic(UserStage() + "\n[Stage<Field>] public partial class Codec { }", "MDG0009", "Stage<Field>", DiagnosticSeverity.Warning, stagesStillRegister: true);

    [Fact]
    public void Every_descriptor_has_a_test()
    {
        var tested = typeof(DiagnosticTests).GetMethods().Select(m => m.Name[..Math.Min(7, m.Name.Length)]).ToHashSet();
        foreach (var d in Diagnostics.All) Assert.Contains(d.Id, tested);
    }
}
