using Midicoth.Models.Deflate;

namespace Midicoth.Models.Transforms;

/// <summary>
/// Deflate recompression (<c>deflate</c>). Deflate streams (gzip files, zlib streams in PDFs and PNGs, zip entries)
/// hide their content from the models: a byte of deflate output depends on bits all around it. This transform finds
/// them (<see cref="DeflateStreamFinder"/>), inflates each, and keeps the inflated content in its place only where our
/// deflate encoder, given the parameters it stores, rebuilds the original stream bit for bit; any other stream stays
/// as it is. Decoding deflates the content again and checks that it gives exactly the stored length.
/// <para>
/// Bomb guard: the rewritten block is at most <see cref="StageCatalog.DeflateExpansion"/> times the block (and
/// <see cref="StageCatalog.DeflateSlackBytes"/>), and one stream inflates to at most <see cref="StageCatalog.DeflateStreamBytes"/>;
/// streams past either stay deflated. The decoder refuses a header that says more, before allocating.
/// </para>
/// Rewritten block: the number of streams (a varint; 0: the block as it is follows); the block length; per stream the
/// gap since the previous stream's end, its deflated length, its parameters (two bytes) and its inflated length; then
/// the block with each stream's deflated bytes replaced by its content.
/// </summary>
public sealed class DeflateTransform : IBlockTransform
{
    /// <summary>Streams shorter than this are left alone: what they could gain does not pay for their header.</summary>
    private const int MinStreamBytes = 32;

    /// <summary>The most a stream's entry in the header takes: four varints and two bytes.</summary>
    private const int EntryBytes = 4 * 5 + 2;

    /// <summary>
    /// The most bytes the search inflates and deflates for a block, in all, as multiples of its rewritten bound:
    /// it keeps the encoder's time linear in the block whatever the data (a file made of streams that inflate but
    /// cannot be rebuilt, nested or overlapping, would otherwise be inflated and tried again and again).
    /// </summary>
    private const int SearchWork = 4;

    public long MaxRewrittenLength(long length) => StageCatalog.Deflate.RewrittenLength!(length);

    private readonly record struct Stream(int Start, int Length, DeflateParameters Parameters, byte[] Content);

    public byte[] Forward(ReadOnlySpan<byte> block)
    {
        long bound = MaxRewrittenLength(block.Length);
        long rewritten = block.Length + 2 * 5;
        var streams = new List<Stream>();
        int end = 0;
        long work = 0;
        foreach (DeflateStreamFinder.Candidate candidate in DeflateStreamFinder.Find(block))
        {
            if (candidate.Start < end) continue;
            if (work > SearchWork * bound) break;
            int limit = (int)Math.Min(StageCatalog.DeflateStreamBytes, bound - rewritten - EntryBytes);
            if (limit <= 0) break;
            ReadOnlySpan<byte> rest = block[candidate.Start..];
            bool inflated = Inflater.TryInflate(rest, limit, out byte[] content, out int length, out int produced);
            work += produced + 64;
            if (!inflated || length < MinStreamBytes) continue;
            byte[] original = rest[..length].ToArray();
            var scratch = new byte[length];
            foreach (DeflateParameters guess in candidate.Guesses)
            {
                work += content.Length;
                if (ZlibDeflater.Deflate(content, guess, scratch, original) != length) continue;
                streams.Add(new Stream(candidate.Start, length, guess, content));
                rewritten += content.Length - length + EntryBytes;
                end = candidate.Start + length;
                break;
            }
        }
        return Write(block, streams);
    }

    private static byte[] Write(ReadOnlySpan<byte> block, List<Stream> streams)
    {
        var output = new SideDataWriter(block.Length + 64);
        output.WriteNumber(streams.Count);
        if (streams.Count == 0)
        {
            output.WriteBytes(block);
            return output.ToArray();
        }
        output.WriteNumber(block.Length);
        int at = 0;
        foreach (Stream s in streams)
        {
            output.WriteNumber(s.Start - at);
            output.WriteNumber(s.Length);
            (byte first, byte second) = s.Parameters.ToBytes();
            output.WriteByte(first);
            output.WriteByte(second);
            output.WriteNumber(s.Content.Length);
            at = s.Start + s.Length;
        }
        at = 0;
        foreach (Stream s in streams)
        {
            output.WriteBytes(block[at..s.Start]);
            output.WriteBytes(s.Content);
            at = s.Start + s.Length;
        }
        output.WriteBytes(block[at..]);
        return output.ToArray();
    }

    public byte[] Inverse(ReadOnlySpan<byte> rewritten, long maxLength)
    {
        var reader = new SideDataReader(rewritten, "deflate");
        long count = reader.ReadNumber("stream count", 0, maxLength / MinStreamBytes);
        if (count == 0)
        {
            if (reader.Rest.Length > maxLength) throw reader.Damaged($"its block of {reader.Rest.Length} bytes is longer than {maxLength}");
            return reader.Rest.ToArray();
        }
        long length = reader.ReadNumber("block length", count * MinStreamBytes, maxLength);
        var entries = new (long Gap, long Length, DeflateParameters Parameters, long Content)[count];
        long covered = 0, deflatedTotal = 0, inflated = 0;
        for (int i = 0; i < count; i++)
        {
            long gap = reader.ReadNumber("gap before a stream", 0, length - covered);
            long deflated = reader.ReadNumber("deflated length", MinStreamBytes, length - covered - gap);
            ReadOnlySpan<byte> p = reader.ReadBytes("parameters", 2);
            var parameters = DeflateParameters.FromBytes(p[0], p[1]);
            if (parameters.Problem() is string problem) throw reader.Damaged($"a stream's parameters are wrong ({problem})");
            long content = reader.ReadNumber("inflated length", 0, StageCatalog.DeflateStreamBytes);
            covered += gap + deflated;
            deflatedTotal += deflated;
            inflated += content;
            entries[i] = (gap, deflated, parameters, content);
        }
        // The rest of the rewritten block is the block with each stream's content in place of its deflated bytes.
        long expected = length - deflatedTotal + inflated;
        if (reader.Rest.Length != expected) throw reader.Damaged($"the block holds {reader.Rest.Length} bytes, its header says {expected}");
        var block = new byte[length];
        int to = 0;
        foreach (var e in entries)
        {
            reader.ReadBytes("gap", e.Gap).CopyTo(block.AsSpan(to));
            to += (int)e.Gap;
            byte[] content = reader.ReadBytes("stream content", e.Content).ToArray();
            // Deflated into exactly its room: a stream that would be longer or shorter is damaged.
            var deflated = new byte[e.Length];
            if (ZlibDeflater.Deflate(content, e.Parameters, deflated) != e.Length) throw reader.Damaged($"a stream's content does not deflate to its {e.Length} bytes");
            deflated.CopyTo(block.AsSpan(to));
            to += (int)e.Length;
        }
        reader.Rest.CopyTo(block.AsSpan(to));
        return block;
    }
}
