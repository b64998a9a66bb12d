namespace Midicoth;

/// <summary>
/// A compressor of one topology, as the run-time pipeline and every generated codec provide it.
/// The payload is the arithmetic coder's output only: containers (MDC7, our frame) add what they need around it.
/// </summary>
public interface ICodec
{
    /// <summary>The canonical topology text, e.g. <c>ppm:4,match,word,highorder,denoise:3</c>.</summary>
    string Topology { get; }

    /// <summary>
    /// Codes <paramref name="data"/>; the result decodes only with the same topology and length.
    /// <paramref name="progress"/>, when given, hears the number of bytes coded so far every 64 KiB, on the coding thread.
    /// </summary>
    byte[] EncodePayload(ReadOnlySpan<byte> data, IProgress<long>? progress = null);

    /// <summary>
    /// Decodes exactly <paramref name="output"/>.Length bytes from <paramref name="count"/> payload bytes at
    /// <paramref name="offset"/> of <paramref name="payload"/>. Throws <see cref="MidicothFormatException"/> when
    /// the payload is corrupt or does not have exactly the length the encoder would have written.
    /// <paramref name="progress"/>, when given, hears the number of bytes decoded so far every 64 KiB.
    /// </summary>
    void DecodePayload(byte[] payload, int offset, int count, Span<byte> output, IProgress<long>? progress = null);
}
