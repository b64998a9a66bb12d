using System.Reflection;

namespace Midicoth.Generator.Tests;

/// <summary>Generated codecs, compiled and run: round trip, and the same payload bytes as the run-time pipeline.</summary>
public class CompileAndRunTests
{
    public static TheoryData<string, string> Topologies() => new()
    {
        { "[Stage(Ppm, Order = 4)] [Stage(Match)] [Stage(Word)] [Stage(HighOrder)] [Denoise(Steps = 3)]", "ppm:4,match,word,highorder,denoise:3" },
        { "[Stage(Ppm, Order = 2)] [Stage(Match)]", "ppm:2,match" },
        { "[Stage(Ppm, Order = 6)] [Stage(Match)] [Denoise(Steps = 2)]", "ppm:6,match,denoise:2" },
        { "[Stage(Ppm, Order = 0)]", "ppm:0" },
        { "[Stage(Ppm, Order = 3)] [Stage(HighOrder, MinOrder = 4, MaxOrder = 12)] [Stage(Word)] [Stage(Match, MinLength = 8, MaxLength = 32)] [Denoise(Steps = 1)]",
          "ppm:3,highorder:4-12,word,match:8-32,denoise:1" },
        { "[Stage(X86)] [Stage(Ppm, Order = 2)] [Stage(Match)]", "x86,ppm:2,match" },
        { "[Stage(X86)] [Stage(Context, Order = 1, Bits = 16)] [Stage(Context, Order = 2, Bits = 16)] [Stage(Mixer)]", "x86,ctx:1-16,ctx:2-16,mixer:3-6" },
    };

    /// <summary>Text, then something like x86 code (calls to a few functions), so that a transform has work to do.</summary>
    private static readonly byte[] Sample = System.Text.Encoding.UTF8.GetBytes(string.Concat(
        Enumerable.Range(0, 60).Select(i => $"line {i}: the quick brown fox {i % 7} jumps over the lazy dog <{i * i % 13}>\n")))
        .Concat(Midicoth.Tests.SyntheticCode.Make(4000, seed: 5)).ToArray();

    [Theory]
    [MemberData(nameof(Topologies))]
    public void Generated_codec_round_trips_and_matches_the_pipeline(string attributes, string topologyText)
    {
        Assembly assembly = GeneratorHarness.Build($$"""
            using Midicoth;
            using static Midicoth.StageKind;
            namespace User;
            [Compressor] {{attributes}}
            public partial class Codec { }
            """);
        Type codec = assembly.GetType("User.Codec")!;
        Assert.Equal(topologyText, codec.GetField("TopologyText")!.GetValue(null));
        var instance = (ICodec)codec.GetProperty("Instance")!.GetValue(null)!;

        byte[] payload = instance.EncodePayload(Sample);
        Assert.Equal(new PipelineCodec(Topology.Parse(topologyText)).EncodePayload(Sample), payload);

        var compress = codec.GetMethod("Compress")!.CreateDelegate<SpanFunc>();
        var decompress = codec.GetMethod("Decompress")!.CreateDelegate<SpanFunc>();
        byte[] packed = compress(Sample, null);
        Assert.Equal(Sample, decompress(packed, null));
        // Any build reads any frame: the run-time pipeline decodes what the generated codec wrote.
        Assert.Equal(Sample, MdgFrame.Decompress(packed));
    }

    private delegate byte[] SpanFunc(ReadOnlySpan<byte> data, MdgOptions? options);
}
