using System.Buffers.Binary;

namespace Midicoth.Models.Formats;

/// <summary>
/// The reference's MDC7 file: "MDC7", the original length as 8 bytes little-endian, then the coder's bytes.
/// It has no checksum and no topology, so it always means the paper's compressor. Reading checks what can be
/// checked before anything is allocated: the magic, the header size, and that the declared length could have
/// been coded in a payload of this size (each byte costs at least 0.022 bits, since no symbol's frequency
/// exceeds 16384 of a total of at least 16639).
/// </summary>
public static class Mdc7Container
{
    public const int HeaderSize = 12;
    public static ReadOnlySpan<byte> Magic => "MDC7"u8;

    /// <summary>Upper bound on the bytes a payload of <paramref name="payloadBytes"/> can decode to.</summary>
    public static long MaxDecodedLength(long payloadBytes) => (payloadBytes * 8 + 64) * 45;

    public static bool HasMagic(ReadOnlySpan<byte> file) => file.Length >= 4 && file[..4].SequenceEqual(Magic);

    /// <summary>Compresses with the paper's topology through the run-time pipeline.</summary>
    public static byte[] Compress(ReadOnlySpan<byte> data) => Compress(PipelineCodec.Paper, data);

    /// <summary>Compresses with <paramref name="codec"/>, which must be of the paper's topology (MDC7 has no other).</summary>
    public static byte[] Compress(ICodec codec, ReadOnlySpan<byte> data, IProgress<long>? progress = null)
    {
        RequirePaper(codec);
        byte[] payload = codec.EncodePayload(data, progress);
        var file = new byte[HeaderSize + payload.Length];
        Magic.CopyTo(file);
        BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(4), (ulong)data.Length);
        payload.CopyTo(file, HeaderSize);
        return file;
    }

    /// <summary>Reads the declared original length after checking the header.</summary>
    public static int ReadLength(ReadOnlySpan<byte> file)
    {
        if (!HasMagic(file)) throw new MidicothFormatException("not an MDC7 file (bad magic)");
        if (file.Length < HeaderSize) throw new MidicothFormatException("truncated MDC7 header");
        ulong length = BinaryPrimitives.ReadUInt64LittleEndian(file[4..]);
        if (length > (ulong)MaxDecodedLength(file.Length - HeaderSize))
        {
            throw new MidicothFormatException($"corrupt MDC7 header: {length} bytes cannot be coded in {file.Length - HeaderSize} bytes");
        }
        if (length > (ulong)Array.MaxLength) throw new MidicothFormatException($"MDC7 content of {length} bytes is too large for this tool");
        return (int)length;
    }

    public static byte[] Decompress(byte[] file) => Decompress(PipelineCodec.Paper, file);

    public static byte[] Decompress(ICodec codec, byte[] file, IProgress<long>? progress = null)
    {
        RequirePaper(codec);
        int length = ReadLength(file);
        var output = new byte[length];
        codec.DecodePayload(file, HeaderSize, file.Length - HeaderSize, output, progress);
        return output;
    }

    /// <summary>Whether <paramref name="codec"/> can write MDC7: only the paper's topology can.</summary>
    public static bool Supports(ICodec codec) => codec.Topology == Topology.Paper.Text;

    private static void RequirePaper(ICodec codec)
    {
        if (!Supports(codec))
        {
            throw new NotSupportedException($"MDC7 holds only the paper's topology ({Topology.Paper.Text}), not {codec.Topology}");
        }
    }
}
