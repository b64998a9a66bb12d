using System.Diagnostics;
using BenchmarkDotNet.Running;
using Midicoth;
using Midicoth.Models.Composition;
using Midicoth.Models.Formats;

// `time FILE [TOPOLOGY]` times one compress/decompress round trip without BenchmarkDotNet's ceremony;
// anything else goes to BenchmarkDotNet (e.g. `--filter *`).
if (args.Length >= 2 && args[0] == "time")
{
    byte[] data = File.ReadAllBytes(args[1]);
    var topology = args.Length > 2 ? Topology.Parse(args[2]) : Topology.Paper;
    var sw = Stopwatch.StartNew();
    var codec = new PipelineCodec(topology);
    byte[] payload = codec.EncodePayload(data);
    double encode = sw.Elapsed.TotalSeconds;
    sw.Restart();
    var output = new byte[data.Length];
    codec.DecodePayload(payload, 0, payload.Length, output);
    double decode = sw.Elapsed.TotalSeconds;
    if (!output.AsSpan().SequenceEqual(data)) throw new InvalidOperationException("round trip failed");
    Console.WriteLine($"{Path.GetFileName(args[1])}\t{data.Length}\t{payload.Length + 12}\t{(payload.Length + 12) * 8.0 / data.Length:F4} bpb\t" +
        $"enc {data.Length / encode / 1e6:F3} MB/s\tdec {data.Length / decode / 1e6:F3} MB/s\tpeak {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MiB");
    return;
}
if (args.Length == 3 && args[0] is "stream-compress" or "stream-decompress")
{
    // The stream API on a file of any size: paper topology (generated codec), default 4 MiB blocks.
    using var input = File.OpenRead(args[1]);
    using var output = File.Create(args[2]);
    if (args[0] == "stream-compress")
    {
        using var z = new MidicothStream(output, System.IO.Compression.CompressionMode.Compress, Midicoth.Bench.PaperCodec.Instance);
        input.CopyTo(z);
    }
    else
    {
        using var z = new MidicothStream(input, System.IO.Compression.CompressionMode.Decompress, Midicoth.Bench.PaperCodec.Instance);
        z.CopyTo(output);
    }
    return;
}
if (args.Length == 4 && args[0] == "range")
{
    // `range FILE.mdg OFFSET LENGTH`: reads a content range through the frame's index, decoding only the blocks
    // it covers, and says how long that took against decoding the whole file.
    var clock = Stopwatch.StartNew();
    using var reader = MidicothReader.Open(args[1], Midicoth.Bench.PaperCodec.Instance);
    byte[] range = reader.ReadRange(long.Parse(args[2]), int.Parse(args[3]));
    double seconds = clock.Elapsed.TotalSeconds;
    long covered = reader.Blocks.Count(b => b.ContentEnd > long.Parse(args[2]) && b.ContentOffset < long.Parse(args[2]) + range.Length);
    Console.WriteLine($"{range.Length:N0} bytes from offset {long.Parse(args[2]):N0} of {reader.Length:N0} in {seconds:F2} s: " +
        $"{covered} of {reader.Blocks.Count} blocks decoded (index: {(reader.HasIndex ? "yes" : "no")})");
    return;
}
if (args.Length >= 2 && args[0] == "transforms")
{
    // `transforms FILE...`: each transform alone on each file (one block): bytes before and after, forward and inverse
    // speed, best of three. What a transform costs where it finds nothing is its forward time against the models'.
    foreach (string file in args[1..])
    {
        byte[] data = File.ReadAllBytes(file);
        foreach (IBlockTransform transform in new IBlockTransform[] { new X86Transform(), new DeflateTransform() })
        {
            double forward = double.MaxValue, inverse = double.MaxValue;
            byte[] rewritten = [];
            for (int round = 0; round < 3; round++)
            {
                var clock = Stopwatch.StartNew();
                rewritten = transform.Forward(data);
                forward = Math.Min(forward, clock.Elapsed.TotalSeconds);
                clock.Restart();
                byte[] back = transform.Inverse(rewritten, data.Length);
                inverse = Math.Min(inverse, clock.Elapsed.TotalSeconds);
                if (!back.AsSpan().SequenceEqual(data)) throw new InvalidOperationException("round trip failed");
            }
            Console.WriteLine($"{Path.GetFileName(file)}	{transform.GetType().Name}	{data.Length}	{rewritten.Length}	forward {data.Length / forward / 1e6:F1} MB/s	inverse {data.Length / inverse / 1e6:F1} MB/s");
        }
    }
    return;
}
if (args.Length == 2 && args[0] == "memory") { Memory.Run(args[1]); return; }
if (args.Length == 2 && args[0] == "compare")
{
    // Interleaved best-of-N of generated vs run-time encoding, for a quick check of the ratio. Byte-wise topologies
    // code 64 KiB (15 rounds); bit-wise ones 256 KiB (7 rounds), so that allocating their tables does not dominate.
    ICodec generated = args[1] switch
    {
        "ppm:1" => Midicoth.Bench.TinyCodec.Instance,
        "ppm:2,match" => Midicoth.Bench.CheapCodec.Instance,
        "fast" => Midicoth.Samples.FastCodec.Instance,
        "cheap-bits" => Midicoth.Bench.CheapBitsCodec.Instance,
        "max" => Midicoth.Samples.MaxCodec.Instance,
        "bridge" => Midicoth.Samples.BridgeCodec.Instance,
        "paper" => Midicoth.Bench.PaperCodec.Instance,
        _ => throw new ArgumentException($"compare takes paper, ppm:1, ppm:2,match, fast, cheap-bits, max or bridge, not '{args[1]}'"),
    };
    ICodec runtime = new PipelineCodec(Topology.Parse(generated.Topology));
    bool bitWise = Topology.Parse(generated.Topology).IsBitWise;
    byte[] sample = Midicoth.Bench.BenchData.Sample(bitWise ? 256 << 10 : 64 << 10);
    if (!generated.EncodePayload(sample).AsSpan().SequenceEqual(runtime.EncodePayload(sample))) throw new InvalidOperationException("generated and run-time codecs differ");
    double bestG = double.MaxValue, bestR = double.MaxValue;
    for (int i = 0; i < (bitWise ? 7 : 15); i++)
    {
        var clock = Stopwatch.StartNew();
        runtime.EncodePayload(sample);
        bestR = Math.Min(bestR, clock.Elapsed.TotalMilliseconds);
        clock.Restart();
        generated.EncodePayload(sample);
        bestG = Math.Min(bestG, clock.Elapsed.TotalMilliseconds);
    }
    Console.WriteLine($"{generated.Topology}: run-time {bestR:F1} ms, generated {bestG:F1} ms, speed-up {bestR / bestG:F2}x");
    return;
}
if (args.Length == 1 && args[0] == "micro") { Micro.Run(); return; }
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
