using Midicoth.Cli;
using Midicoth.Models.Composition;
using Midicoth.Models.Formats;
using Midicoth.Models.Transforms;

namespace Midicoth.Fuzz;

/// <summary>
/// Every fuzzing target: what one input does, and what counts as a finding. A target returns normally when the
/// code under test behaved (decoded, or refused with its own exception type); anything else escapes as a
/// <see cref="FuzzFinding"/> or as the unexpected exception itself, which AFL++ records as a crash. Hangs are found
/// by the fuzzer's timeout. Shared by the fuzzer (Program.cs) and the regression tests, which replay every kept
/// input (tests/Midicoth.Tests/FuzzRegressions/TARGET/*).
/// </summary>
public static class FuzzTargets
{
    /// <summary>The targets, by name.</summary>
    public static readonly IReadOnlyDictionary<string, Action<byte[]>> All = new Dictionary<string, Action<byte[]>>
    {
        ["mdg"] = Mdg,
        ["mdc7"] = Mdc7,
        ["reader"] = Reader,
        ["topology"] = TopologyText,
        ["topology-bytes"] = TopologyFrameBytes,
        ["jpeg"] = JpegPlain,
        ["cli"] = CliArguments,
        ["transforms"] = Transforms,
    };

    /// <summary>Decoders run with this limit: a frame asking for more must be refused before allocating it.</summary>
    public const long MemoryLimit = 256L << 20;

    /// <summary>The most a decoding may allocate in all: the limit, plus output and buffers far beyond any real need.</summary>
    private const long AllocationCeiling = MemoryLimit + (256L << 20);

    /// <summary>A .mdg frame (any topology the frame names, byte-wise, bit-wise, JPEG): only MidicothFormatException may escape.</summary>
    public static void Mdg(byte[] input) => Bounded(() =>
    {
        try
        {
            MdgFrame.Decompress(input, null, new MdgOptions { MemoryLimit = MemoryLimit });
        }
        catch (MidicothFormatException)
        {
        }
    });

    /// <summary>An MDC7 file (the paper's topology); small inputs only, since MDC7 has no block size to bound its tables.</summary>
    public static void Mdc7(byte[] input)
    {
        if (input.Length > 8192) return;
        Bounded(() =>
        {
            try
            {
                Mdc7Container.Decompress(input);
            }
            catch (MidicothFormatException)
            {
            }
        });
    }

    /// <summary>
    /// <see cref="MidicothReader"/> on a damaged frame: open, list, then read ranges chosen by the input's last 8
    /// bytes; every byte it hands out must equal what decoding the whole frame gives (when that succeeds).
    /// </summary>
    public static void Reader(byte[] input) => Bounded(() =>
    {
        byte[]? whole = null;
        try
        {
            whole = MdgFrame.Decompress(input, null, new MdgOptions { MemoryLimit = MemoryLimit });
        }
        catch (MidicothFormatException)
        {
        }
        try
        {
            using var reader = new MidicothReader(new MemoryStream(input, writable: false), null, new MdgOptions { MemoryLimit = MemoryLimit });
            long listed = reader.Blocks.Sum(b => (long)b.ContentLength);
            if (listed != reader.Length) throw new FuzzFinding($"the blocks hold {listed} bytes, the reader says {reader.Length}");
            uint seed = input.Length >= 4 ? BitConverter.ToUInt32(input, input.Length - 4) : 1;
            for (int i = 0; i < 3; i++)
            {
                seed = seed * 1664525 + 1013904223;
                long offset = (long)(seed % (ulong)(reader.Length + 1));
                int count = (int)Math.Min(reader.Length - offset, (seed >> 8) % 4096);
                byte[] range = reader.ReadRange(offset, count);
                if (range.Length != count) throw new FuzzFinding($"ReadRange({offset}, {count}) gave {range.Length} bytes");
                if (whole != null && !range.AsSpan().SequenceEqual(whole.AsSpan((int)offset, count)))
                    throw new FuzzFinding($"ReadRange({offset}, {count}) differs from the whole frame's decoding");
            }
        }
        catch (MidicothFormatException)
        {
        }
    });

    /// <summary>Topology text: parsed or refused with a FormatException; a parsed one prints back to text that parses to itself.</summary>
    public static void TopologyText(byte[] input)
    {
        string text = System.Text.Encoding.UTF8.GetString(input);
        if (!Topology.TryParse(text, out Topology? topology, out string? error))
        {
            if (string.IsNullOrEmpty(error)) throw new FuzzFinding("refused without a reason");
            return;
        }
        if (Topology.Parse(topology!.Text).Text != topology.Text) throw new FuzzFinding($"'{topology.Text}' does not parse back to itself");
    }

    /// <summary>A frame's topology bytes: read or refused with MidicothFormatException; a read one writes back to the same bytes.</summary>
    public static void TopologyFrameBytes(byte[] input)
    {
        int at = 0;
        try
        {
            var (topology, size) = TopologyBytes.Read((buffer, what) =>
            {
                if (at + buffer.Length > input.Length) throw new MidicothFormatException("truncated " + what);
                input.AsMemory(at, buffer.Length).CopyTo(buffer);
                at += buffer.Length;
            });
            if (!TopologyBytes.Of(topology).AsSpan().SequenceEqual(input.AsSpan(0, size))) throw new FuzzFinding("the topology does not write back to its bytes");
        }
        catch (MidicothFormatException)
        {
        }
    }

    /// <summary>
    /// Plain data, as the JPEG model's encoder sees any file: it follows whatever looks like a JPEG. The round trip
    /// must hold, through the generated-equivalent run-time pipeline.
    /// </summary>
    public static void JpegPlain(byte[] input)
    {
        if (input.Length > 1 << 16) return;
        var codec = new PipelineCodec(Topology.Parse("jpeg:16,ctx:1-16,mixer:1-6"));
        byte[] payload = codec.EncodePayload(input);
        var output = new byte[input.Length];
        codec.DecodePayload(payload, 0, payload.Length, output);
        if (!output.AsSpan().SequenceEqual(input)) throw new FuzzFinding("the JPEG model's round trip lost data");
    }

    /// <summary>
    /// The transforms, both ways. The first byte picks x86 (even) or deflate (odd). As decoded data, the rest goes to
    /// the inverse, which may only refuse with MidicothFormatException and allocate within bounds; as plain data (what
    /// the encoder sees), it must round-trip through forward and inverse within the catalog's bound.
    /// </summary>
    public static void Transforms(byte[] input)
    {
        if (input.Length == 0 || input.Length > 1 << 16) return;
        IBlockTransform transform = input[0] % 2 == 0 ? new X86Transform() : new DeflateTransform();
        byte[] data = input[1..];
        Bounded(() =>
        {
            try
            {
                transform.Inverse(data, 1 << 20);
            }
            catch (MidicothFormatException)
            {
            }
        });
        byte[] rewritten = transform.Forward(data);
        if (rewritten.Length > transform.MaxRewrittenLength(data.Length)) throw new FuzzFinding($"rewrote {data.Length} bytes to {rewritten.Length}, above the bound");
        if (!transform.Inverse(rewritten, data.Length).AsSpan().SequenceEqual(data)) throw new FuzzFinding("the transform's round trip lost data");
    }

    /// <summary>Command-line arguments (the input's lines): parsed, or refused with a CliException carrying a usage exit code.</summary>
    public static void CliArguments(byte[] input)
    {
        string[] args = System.Text.Encoding.UTF8.GetString(input).Split('\n');
        try
        {
            CliOptions.Parse(args);
        }
        catch (CliException e) when (e.ExitCode != 0 && !string.IsNullOrEmpty(e.Message))
        {
        }
    }

    /// <summary>Runs <paramref name="decode"/> and fails when it allocated more than any input could need.</summary>
    private static void Bounded(Action decode)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        decode();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        if (allocated > AllocationCeiling) throw new FuzzFinding($"allocated {allocated:N0} bytes");
    }
}

/// <summary>A target's finding that is not an exception of the code under test: wrong output, an unbounded allocation.</summary>
public sealed class FuzzFinding(string message) : Exception(message);
