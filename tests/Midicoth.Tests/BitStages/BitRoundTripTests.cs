using Midicoth.Samples;
using static Midicoth.StageKind;

namespace Midicoth.Tests;

/// <summary>`cheap-bits`: context maps of orders 1-3 and a mixer.</summary>
[Compressor, Stage(Context, Order = 1), Stage(Context, Order = 2), Stage(Context, Order = 3), Stage(Mixer)]
public partial class CheapBitsCodec { }

/// <summary>Every bit-wise stage kind and the parameter corners: order 0, a short match, one weight set, three APMs.</summary>
[Compressor]
[Stage(Context, Order = 0, Bits = 16), Stage(Context, Order = 12, Bits = 18), Stage(Words, Bits = 17), Stage(BitMatch, MinLength = 2, Bits = 16)]
[Stage(Mixer, Select = 0, Rate = 1), Stage(Apm, Order = 0, Rate = 4), Stage(Apm, Order = 1), Stage(Apm, Order = 2, Rate = 9)]
public partial class VarietyCodec { }

/// <summary>The stage kinds beyond lpaq's: direct orders 0 and 2, sparse, indirect, record, text and JPEG contexts, a two-layer mixer with every selector, APMs of orders 2 and 4.</summary>
[Compressor]
[Stage(Jpeg, Bits = 18), Stage(Direct, Order = 0), Stage(Direct, Order = 2), Stage(Context, Order = 3, Bits = 18), Stage(Sparse, Skip = 2, Order = 2, Bits = 17)]
[Stage(Indirect, Order = 1, Bits = 17), Stage(Indirect, Order = 2, Bits = 17), Stage(Records, Bits = 17), Stage(Text, Bits = 17), Stage(Words, Bits = 17)]
[Stage(BitMatch, Bits = 16), Stage(Mixer2, Sets = 6, Rate = 4), Stage(Apm, Order = 2), Stage(Apm, Order = 4, Rate = 5)]
public partial class KindsCodec { }

/// <summary>The bridge: a small byte-wise stack (PPM order 2, match, denoiser) as one input beside two context maps.</summary>
[Compressor]
[Stage(Ppm, Order = 2), Stage(Match), Stage(Denoise, Steps = 1), Stage(Bridge), Stage(Context, Order = 1, Bits = 16), Stage(Context, Order = 3, Bits = 18)]
[Stage(Mixer), Stage(Apm)]
public partial class BridgeTestCodec { }

/// <summary>
/// Bit-wise topologies: the generated codec and the run-time pipeline give the same bytes, and both decode them,
/// on edge inputs and the corpus.
/// </summary>
public class BitRoundTripTests
{
    public static ICodec Generated(string name) => name switch
    {
        "fast" => FastCodec.Instance,
        "cheap-bits" => CheapBitsCodec.Instance,
        "variety" => VarietyCodec.Instance,
        "kinds" => KindsCodec.Instance,
        "max" => MaxCodec.Instance,
        "bridge" => BridgeTestCodec.Instance,
        _ => throw new ArgumentException(name),
    };

    public static TheoryData<string, string> EdgeCases()
    {
        var data = new TheoryData<string, string>();
        foreach (string codec in (string[])["fast", "cheap-bits", "variety", "kinds", "max", "bridge"])
        {
            foreach (string input in (string[])["empty", "one", "run", "all256", "random", "text"]) data.Add(codec, input);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EdgeCases))]
    public void Generated_and_runtime_give_the_same_bytes_and_both_decode(string codecName, string inputName)
    {
        ICodec generated = Generated(codecName);
        var runtime = new PipelineCodec(Topology.Parse(generated.Topology));
        byte[] input = RoundTripTests.Input(inputName);
        byte[] payload = generated.EncodePayload(input);
        Assert.Equal(payload, runtime.EncodePayload(input));
        var output = new byte[input.Length];
        generated.DecodePayload(payload, 0, payload.Length, output);
        Assert.Equal(input, output);
        Array.Clear(output);
        runtime.DecodePayload(payload, 0, payload.Length, output);
        Assert.Equal(input, output);
    }

    public static TheoryData<string, string> CorpusCases()
    {
        var data = new TheoryData<string, string>();
        foreach (string codec in (string[])["fast", "cheap-bits"])
        {
            foreach (string file in CorpusFiles) data.Add(codec, file);
        }
        // The slower topologies on files of every kind (text, table, binary, image), to keep the suite's time down.
        foreach (string file in (string[])["alice29.txt", "fireworks.jpeg", "geo.protodata", "html", "kppkn.gtb", "urls.10K"]) data.Add("kinds", file);
        foreach (string file in (string[])["asyoulik.txt", "fireworks.jpeg", "kppkn.gtb", "paper-100k.pdf"]) data.Add("max", file);
        // The bridge runs a byte-wise stack (~0.1 MB/s): two files of different kinds.
        data.Add("bridge", "alice29.txt");
        data.Add("bridge", "kppkn.gtb");
        return data;
    }

    private static readonly string[] CorpusFiles =
    [
        "alice29.txt", "asyoulik.txt", "deprivation.txt", "fireworks.jpeg", "geo.protodata", "html", "html_x_4",
        "kppkn.gtb", "lcet10.txt", "paper-100k.pdf", "plrabn12.txt", "urls.10K",
    ];

    [Theory]
    [MemberData(nameof(CorpusCases))]
    public void Corpus_files_round_trip_with_the_same_bytes_on_both_paths(string codecName, string file)
    {
        SharedData.Require();
        byte[] input = File.ReadAllBytes(Path.Combine(SharedData.Root!, "corpus", file));
        ICodec generated = Generated(codecName);
        byte[] payload = generated.EncodePayload(input);
        Assert.Equal(payload, new PipelineCodec(Topology.Parse(generated.Topology)).EncodePayload(input));
        var output = new byte[input.Length];
        generated.DecodePayload(payload, 0, payload.Length, output);
        Assert.Equal(input, output);
        Assert.True(payload.Length < input.Length * 1.01 + 16, $"{file}: {payload.Length} bytes from {input.Length}");
    }

    [Fact]
    public void The_fast_topology_compresses_text_well()
    {
        SharedData.Require();
        byte[] input = File.ReadAllBytes(Path.Combine(SharedData.Root!, "corpus", "alice29.txt"));
        // Measured 37,7xx bytes (2.0 bits a byte); 7-Zip PPMd gives 38,960 and zpaq -m5 37,600 (shared anchors).
        Assert.InRange(FastCodec.Instance.EncodePayload(input).Length, 37_000, 38_500);
    }

    [Fact]
    public void Frames_of_bit_wise_topologies_decode_with_any_codec()
    {
        byte[] input = RoundTripTests.Input("text");
        byte[] frame = MdgFrame.Compress(FastCodec.Instance, input);
        Assert.Equal(input, MdgFrame.Decompress(frame));                       // run-time pipeline
        Assert.Equal(input, MdgFrame.Decompress(frame, FastCodec.Instance));   // generated
        Assert.Equal(input, MdgFrame.Decompress(frame, PipelineCodec.Paper));  // another tool's codec: pipeline
    }
}
