using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Midicoth.Generator.Tests;

/// <summary>
/// A stage written in the user's project (<c>[BitStage]</c>), declared with <c>[Stage&lt;T&gt;]</c> beside built-in
/// stages: compiled into the generated step as a concrete type, registered with the run-time side without reflection,
/// named in the frame, decoded by the run-time pipeline, refused by name where it is missing; and its diagnostics.
/// </summary>
public class UserStageTests
{
    /// <summary>A predictor of the next bit from the byte <c>Distance</c> bytes back and the bits so far; <paramref name="name"/> makes each test's stage its own.</summary>
    public static string Stage(string name, string type = "DistanceStage", string memory = "65536 * 2", int inputs = 1) => $$"""
        [BitStage("{{name}}", Inputs = {{inputs}}, Memory = "{{memory}}", Summary = "the byte DISTANCE back, with the bits so far")]
        [StageParameter("Distance", 2, 1, 8, Meaning = "how many bytes back")]
        public struct {{type}} : IBitPredictor
        {
            private readonly ushort[] _p;
            private readonly int _shift;
            private int _at;

            public {{type}}(int distance, long inputLength)
            {
                _shift = 8 * (distance - 1);
                _p = new ushort[65536];
                System.Array.Fill(_p, (ushort)32768);
            }

            public int InputCount => {{inputs}};
            public long AllocatedBytes => _p.Length * 2L;

            public void Predict(ref BitContext context, ref int inputs)
            {
                _at = (int)((context.Last8 >> _shift) & 255) << 8 | context.C0;
                for (int i = 0; i < {{inputs}}; i++) System.Runtime.CompilerServices.Unsafe.Add(ref inputs, i) = Logistic.Stretch(_p[_at] >> 4);
            }

            public void Update(ref BitContext context, int bit) => _p[_at] += (ushort)(((bit << 16) - bit - _p[_at]) >> 4);

            public void EndByte(ref BitContext context) { }
        }
        """;

    private const string Usings = "using Midicoth;\nusing Midicoth.Models.BitWise;\nusing Midicoth.Models.BitPrimitives;\nusing static Midicoth.StageKind;\nnamespace User;\n";

    private static readonly byte[] Table = System.Text.Encoding.ASCII.GetBytes(string.Concat(
        Enumerable.Range(0, 400).Select(i => $"{i % 10},{i % 3},{(i * 7) % 10};")));

    [Fact]
    public void A_user_stage_compiles_into_the_step_and_gives_the_run_time_pipelines_bytes()
    {
        Assembly assembly = GeneratorHarness.Build(Usings + Stage("test.distance-a") + """
            [Compressor, Stage(Context, Order = 1, Bits = 16), Stage<DistanceStage>(3), Stage(Mixer, Select = 1)]
            public partial class Codec { }
            """);
        Type codec = assembly.GetType("User.Codec")!;
        string text = (string)codec.GetField("TopologyText")!.GetValue(null)!;
        Assert.Equal("ctx:1-16,test.distance-a:3,mixer:1-6", text);
        var instance = (ICodec)codec.GetProperty("Instance")!.GetValue(null)!;

        // The codec's module initializer registered the stage: the run-time pipeline builds the same model.
        Topology topology = Topology.Parse(text);
        Assert.True(topology.Stages[1].IsUser);
        byte[] payload = instance.EncodePayload(Table);
        Assert.Equal(BitPipeline.Encode(topology, Table), payload);

        // The stage is in the model (its inputs change the bytes).
        Assert.NotEqual(BitPipeline.Encode(Topology.Parse("ctx:1-16,mixer:1-6"), Table), payload);

        // The frame names the stage; the run-time pipeline decodes it (as any build that registered it would).
        byte[] packed = MdgFrame.Compress(instance, Table);
        Assert.Contains("test.distance-a", System.Text.Encoding.ASCII.GetString(packed));
        Assert.Equal(Table, MdgFrame.Decompress(packed));
        Assert.Equal(Table, MdgFrame.Decompress(packed, instance));
    }

    [Fact]
    public void The_generated_model_holds_the_user_stage_as_its_concrete_type()
    {
        var (_, diagnostics, result) = GeneratorHarness.Run(Usings + Stage("test.distance-b") + """
            [Compressor, Stage(Context, Order = 1, Bits = 16), Stage<DistanceStage>, Stage(Mixer)]
            public partial class Codec { }
            """);
        Assert.Empty(diagnostics);
        string codec = result.GeneratedSources.Single(s => s.HintName == "User.Codec.Compressor.g.cs").SourceText.ToString();
        // The step's type names the struct itself (no interface): the JIT compiles its calls directly, and inlines them.
        Assert.Contains("PredictorPair<global::Midicoth.Models.BitPredictors.ContextMapStage, global::User.DistanceStage>", codec);
        Assert.Contains("new global::User.DistanceStage(2, inputLength)), // test.distance-b:2", codec);
        Assert.DoesNotContain("IBitPredictor", codec);
        // Registered twice (the project's stages, and the codec's), which the registry takes as once.
        Assert.Contains(result.GeneratedSources, s => s.HintName == "Midicoth.Stages.g.cs");
        Assert.Contains(result.GeneratedSources, s => s.HintName == "User.Codec.Stages.g.cs");
    }

    [Fact]
    public void A_build_without_the_stage_refuses_its_frames_in_one_line_naming_it()
    {
        Assembly assembly = GeneratorHarness.Build(Usings + Stage("test.distance-c") + """
            [Compressor, Stage(Context, Order = 1, Bits = 16), Stage<DistanceStage>, Stage(Mixer)]
            public partial class Codec { }
            """);
        var instance = (ICodec)assembly.GetType("User.Codec")!.GetProperty("Instance")!.GetValue(null)!;
        byte[] packed = MdgFrame.Compress(instance, Table);
        // The same frame naming a stage nobody registered (same length, so every offset holds).
        byte[] foreign = Replace(packed, "test.distance-c", "test.distance\u001bc");
        var e = Assert.Throws<MidicothFormatException>(() => MdgFrame.Decompress(foreign));
        Assert.Equal("this file needs the stage 'test.distance\\x1bc', which this build does not have: decode it with the program that declares the stage", e.Message);
    }

    [Fact]
    public void Topology_text_accepts_a_registered_stage_with_its_parameters_checked()
    {
        GeneratorHarness.Build(Usings + Stage("test.distance-d") + """
            [Compressor, Stage<DistanceStage>(5), Stage(Mixer)]
            public partial class Codec { }
            """).GetType("User.Codec")!.GetProperty("Instance")!.GetValue(null); // loads the module: its initializer registers the stage
        Assert.Equal("test.distance-d:4,mixer:3-6", Topology.Parse("TEST.distance-d:4,mixer").Text);
        // Its memory is its declared figure (with the bookkeeping every stage gets), known before anything is allocated.
        Assert.Equal(65536 * 2 + StageCatalog.StageBookkeepingBytes + StageCatalog.Mixer.MemoryOf!(StageCatalog.Mixer.Defaults()),
            Topology.Parse("test.distance-d,mixer").MemoryBytes);
        var error = Assert.Throws<FormatException>(() => Topology.Parse("test.distance-d:9,mixer"));
        Assert.Contains("Distance must be 1..8, not 9", error.Message);
        Assert.Contains("test.distance-d", Assert.Throws<FormatException>(() => Topology.Parse("test.nothing,mixer")).Message);
    }

    [Fact]
    public void The_memory_audit_catches_a_stage_that_allocates_more_than_it_declares()
    {
        Assembly assembly = GeneratorHarness.Build(Usings + Stage("test.honest") + Stage("test.greedy", type: "Greedy", memory: "65536"));
        // The project's module initializer registers every [BitStage] struct in it, codec or not.
        System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);

        StageMemoryReport honest = StageMemoryAudit.Measure("test.honest:3", Table);
        Assert.True(honest.Holds, honest.ToString());
        Assert.InRange(honest.Allocated, 65536 * 2, 65536 * 2 + 1024);

        // Its 128 KiB table against 64 KiB declared (and the 16 KiB of bookkeeping every stage is granted).
        StageMemoryReport greedy = StageMemoryAudit.Measure("test.greedy:3", Table);
        Assert.False(greedy.Holds, greedy.ToString());
        Assert.Equal(65536 + StageCatalog.StageBookkeepingBytes, greedy.Declared);
    }

    private static byte[] Replace(byte[] data, string from, string to)
    {
        byte[] a = System.Text.Encoding.ASCII.GetBytes(from), b = System.Text.Encoding.Latin1.GetBytes(to);
        int at = data.AsSpan().IndexOf(a);
        Assert.True(at >= 0);
        byte[] copy = (byte[])data.Clone();
        b.CopyTo(copy, at);
        return copy;
    }
}
