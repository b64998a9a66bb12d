using BenchmarkDotNet.Attributes;
using Midicoth;
using Midicoth.Models.Composition;
using Midicoth.Models.Formats;
using static Midicoth.StageKind;

namespace Midicoth.Bench;

[Compressor, Stage(Ppm, Order = 4), Stage(Match), Stage(Word), Stage(HighOrder), Denoise(Steps = 3)]
public partial class PaperCodec { }

[Compressor, Stage(Ppm, Order = 2), Stage(Match)]
public partial class CheapCodec { }

[Compressor, Stage(Ppm, Order = 1)]
public partial class TinyCodec { }

/// <summary>`cheap-bits`: a cheap bit-wise topology, context maps of orders 1-3 and a mixer.</summary>
[Compressor, Stage(Context, Order = 1), Stage(Context, Order = 2), Stage(Context, Order = 3), Stage(Mixer)]
public partial class CheapBitsCodec { }

/// <summary>
/// Generated codec against the run-time pipeline, same topology and input (the first 64 KiB of alice29.txt):
/// `dotnet run -c Release --project bench/Midicoth.Bench -- --filter *CodecBenchmarks*`.
/// </summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    private byte[] _data = [];
    private ICodec _generated = PaperCodec.Instance;
    private ICodec _runtime = PipelineCodec.Paper;

    [Params("ppm:4,match,word,highorder,denoise:3", "ppm:2,match", "ppm:1")]
    public string Topology { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _data = BenchData.Sample(64 << 10);
        _generated = Topology switch
        {
            "ppm:2,match" => CheapCodec.Instance,
            "ppm:1" => TinyCodec.Instance,
            _ => PaperCodec.Instance,
        };
        _runtime = new PipelineCodec(Midicoth.Models.Composition.Topology.Parse(Topology));
        if (!_generated.EncodePayload(_data).AsSpan().SequenceEqual(_runtime.EncodePayload(_data)))
        {
            throw new InvalidOperationException("generated and run-time codecs differ");
        }
    }

    [Benchmark(Baseline = true)]
    public byte[] Runtime() => _runtime.EncodePayload(_data);

    [Benchmark]
    public byte[] Generated() => _generated.EncodePayload(_data);
}

/// <summary>Benchmark input: a corpus file when ../shared is there, else generated text.</summary>
public static class BenchData
{
    /// <summary>The first <paramref name="length"/> bytes of alice29.txt, then of lcet10.txt when longer (up to 400 KiB).</summary>
    public static byte[] Sample(int length)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            string path = Path.Combine(dir.FullName, "shared", "corpus", length <= 150_000 ? "alice29.txt" : "lcet10.txt");
            if (File.Exists(path)) return File.ReadAllBytes(path).AsSpan(0, length).ToArray();
        }
        var text = new System.Text.StringBuilder();
        for (int i = 0; text.Length < length; i++) text.Append($"sentence {i} of a generated text, with words {i % 17} and {i % 5}. ");
        return System.Text.Encoding.ASCII.GetBytes(text.ToString(0, length));
    }
}
