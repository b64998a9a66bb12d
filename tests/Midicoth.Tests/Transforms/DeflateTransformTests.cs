using System.IO.Compression;
using System.Text;
using Midicoth.Models.Deflate;

namespace Midicoth.Tests;

/// <summary>Deflate recompression: what it finds and keeps, its bomb guard, and a refusal for each way its data can be damaged.</summary>
public class DeflateTransformTests
{
    private static readonly DeflateTransform Transform = new();

    private static readonly byte[] Text = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 400).Select(i =>
        $"{i}: a line of a changelog, with words that come back ({i % 17}) and numbers that do not ({i * 7919 % 10007}).\n")));

    private static byte[] Deflated(byte[] data, DeflateParameters parameters)
    {
        var output = new byte[data.Length + 1024];
        int length = ZlibDeflater.Deflate(data, parameters, output);
        return output[..length];
    }

    /// <summary>A zlib stream as zlib writes it: header (window, level class), deflate data, Adler-32.</summary>
    private static byte[] Zlib(byte[] data, int level)
    {
        int flevel = level == 1 ? 0 : level < 6 ? 1 : level == 6 ? 2 : 3;
        int cmf = 0x78, flg = flevel << 6;
        flg += 31 - (cmf * 256 + flg) % 31;
        uint adler = 1;
        foreach (byte b in data) adler = ((adler & 0xFFFF) + b) % 65521 | (((adler >> 16) + ((adler & 0xFFFF) + b) % 65521) % 65521) << 16;
        return [(byte)cmf, (byte)flg, .. Deflated(data, DeflateParameters.Zlib(level)), (byte)(adler >> 24), (byte)(adler >> 16), (byte)(adler >> 8), (byte)adler];
    }

    /// <summary>A gzip member as <c>gzip -9n</c> writes it (the CRC-32 and length are not checked by the transform).</summary>
    private static byte[] Gzip(byte[] data) =>
        [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 2, 3, .. Deflated(data, DeflateParameters.GnuGzip(9)), 1, 2, 3, 4, .. BitConverter.GetBytes(data.Length)];

    private static byte[] RoundTrip(byte[] block)
    {
        byte[] rewritten = Transform.Forward(block);
        Assert.True(rewritten.Length <= Transform.MaxRewrittenLength(block.Length));
        Assert.Equal(block, Transform.Inverse(rewritten, block.Length));
        return rewritten;
    }

    private static bool Holds(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    [Fact]
    public void Gzip_and_zlib_streams_are_kept_inflated()
    {
        byte[] block = [.. "header "u8, .. Gzip(Text), .. "between "u8, .. Zlib(Text, 9), .. Zlib(Text.Reverse().ToArray(), 1), .. Zlib(Text, 6), .. "end"u8];
        byte[] rewritten = RoundTrip(block);
        Assert.Equal(4, rewritten[0]);
        Assert.True(Holds(rewritten, Text));
        Assert.True(Holds(rewritten, "between "u8.ToArray()));
    }

    [Fact]
    public void A_stream_our_encoder_does_not_rebuild_is_left_as_it_is()
    {
        // .NET's own deflate (zlib-ng) chooses other matches than zlib: a valid stream, not one we can rebuild.
        var foreign = new MemoryStream();
        using (var z = new ZLibStream(foreign, CompressionLevel.SmallestSize, leaveOpen: true)) z.Write(Text);
        byte[] stream = foreign.ToArray();
        Assert.NotEqual(Zlib(Text, 9), stream);
        byte[] block = [.. "x"u8, .. stream, .. "y"u8];
        byte[] rewritten = RoundTrip(block);
        Assert.Equal(0, rewritten[0]);
        Assert.Equal(block, rewritten[1..]);
    }

    [Fact]
    public void Data_without_streams_costs_one_byte()
    {
        byte[] random = new byte[100_000];
        new Random(1).NextBytes(random);
        Assert.Equal(random.Length + 1, RoundTrip(random).Length);
        Assert.Equal(Text.Length + 1, RoundTrip(Text).Length);
        Assert.Single(RoundTrip([]));
    }

    [Fact]
    public void A_stream_that_inflates_past_the_blocks_budget_stays_deflated()
    {
        // 4 MiB of zeros deflate to 4 KiB: inflated, a 10 KB block would become more than 8 × 10 KB + 1 MiB.
        byte[] bomb = Zlib(new byte[4 << 20], 9);
        byte[] block = [.. new byte[5000], .. bomb, .. new byte[1000]];
        byte[] rewritten = RoundTrip(block);
        Assert.Equal(0, rewritten[0]);
        // A smaller one fits the budget and is inflated.
        byte[] small = Zlib(new byte[512 << 10], 9);
        Assert.Equal(1, RoundTrip([.. new byte[5000], .. small])[0]);
    }

    [Fact]
    public void The_search_stops_when_it_has_inflated_and_tried_four_times_the_blocks_bound()
    {
        // Streams that inflate but cannot be rebuilt cost the search their content once per guess: here level 1's
        // output under a header that says levels 7-9, so every guess fails.
        byte[] content = [.. Text, .. Text];
        byte[] stream = [0x78, 0xDA, .. Deflated(content, DeflateParameters.Zlib(1)), 0, 0, 0, 0];
        Assert.NotEqual(Zlib(content, 9), stream);
        byte[] Block(int copies) => [.. Enumerable.Range(0, copies).SelectMany(_ => stream), .. Zlib(Text, 9)];
        Assert.Equal(1, RoundTrip(Block(2))[0]);
        Assert.Equal(0, RoundTrip(Block(40))[0]);
    }

    [Fact]
    public void Streams_in_a_zip_entry_are_found()
    {
        byte[] body = Deflated(Text, DeflateParameters.Zlib(6));
        byte[] name = "a.txt"u8.ToArray();
        byte[] local = [(byte)'P', (byte)'K', 3, 4, 20, 0, 0, 0, 8, 0, .. new byte[16], (byte)name.Length, 0, 0, 0, .. name];
        byte[] rewritten = RoundTrip([.. local, .. body, .. "PK\u0001\u0002"u8]);
        Assert.Equal(1, rewritten[0]);
        Assert.True(Holds(rewritten, Text));
    }

    // Damage: each check of Inverse refuses with one line naming the transform.

    private static string Refusal(byte[] rewritten, long maxLength) =>
        Assert.Throws<MidicothFormatException>(() => Transform.Inverse(rewritten, maxLength)).Message;

    /// <summary>A rewritten block of one stream (of <see cref="Text"/> at level 9, after a gap of 3), with any field replaced.</summary>
    private static byte[] OneStream(long? count = null, long? length = null, long? gap = null, long? deflated = null, byte[]? parameters = null, long? inflated = null, int bodyTrim = 0)
    {
        byte[] stream = Deflated(Text, DeflateParameters.Zlib(9));
        var w = new SideDataWriter();
        w.WriteNumber(count ?? 1);
        w.WriteNumber(length ?? 3 + stream.Length);
        w.WriteNumber(gap ?? 3);
        w.WriteNumber(deflated ?? stream.Length);
        w.WriteBytes(parameters ?? [9, 15 << 4 | 8]);
        w.WriteNumber(inflated ?? Text.Length);
        w.WriteBytes("abc"u8);
        w.WriteBytes(Text.AsSpan(0, Text.Length - bodyTrim));
        return w.ToArray();
    }

    private static int StreamLength => Deflated(Text, DeflateParameters.Zlib(9)).Length;

    [Fact]
    public void The_crafted_block_itself_restores() => Assert.Equal([.. "abc"u8, .. Deflated(Text, DeflateParameters.Zlib(9))], Transform.Inverse(OneStream(), 1 << 20));

    [Fact]
    public void A_stream_count_more_than_the_block_can_hold_is_refused() =>
        Assert.Contains("its stream count is 40, outside 0..31", Refusal(OneStream(count: 40), 1000));

    [Fact]
    public void A_stream_count_more_than_the_stated_block_holds_is_refused() =>
        Assert.Contains("its block length is 63, outside 64..", Refusal(OneStream(count: 2, length: 63), 1 << 20));

    [Fact]
    public void A_block_length_above_the_limit_is_refused() =>
        Assert.Contains($"its block length is {3 + StreamLength}, outside 32..1000", Refusal(OneStream(), 1000));

    [Fact]
    public void A_block_left_as_it_is_but_too_long_is_refused() =>
        Assert.Contains("its block of 3 bytes is longer than 2", Refusal([0, 1, 2, 3], 2));

    [Fact]
    public void A_gap_past_the_block_is_refused() =>
        Assert.Contains($"its gap before a stream is {4 + StreamLength}, outside 0..{3 + StreamLength}", Refusal(OneStream(gap: 4 + StreamLength), 1 << 20));

    [Fact]
    public void A_deflated_length_past_the_block_or_too_short_is_refused()
    {
        Assert.Contains($"its deflated length is {StreamLength + 1}, outside 32..{StreamLength}", Refusal(OneStream(deflated: StreamLength + 1), 1 << 20));
        Assert.Contains("its deflated length is 31, outside 32..", Refusal(OneStream(deflated: 31), 1 << 20));
    }

    [Fact]
    public void Cut_short_parameters_are_refused()
    {
        var w = new SideDataWriter();
        foreach (long n in new long[] { 1, 100, 0, 40 }) w.WriteNumber(n);
        w.WriteByte(9);
        Assert.Contains("its parameters (2 bytes) runs past the block", Refusal(w.ToArray(), 1 << 20));
    }

    [Fact]
    public void Wrong_parameters_are_refused()
    {
        Assert.Contains("a stream's parameters are wrong (level 0)", Refusal(OneStream(parameters: [0, 15 << 4 | 8]), 1 << 20));
        Assert.Contains("a stream's parameters are wrong (window bits 7)", Refusal(OneStream(parameters: [9, 7 << 4 | 8]), 1 << 20));
        Assert.Contains("a stream's parameters are wrong (memory level 0)", Refusal(OneStream(parameters: [9, 15 << 4]), 1 << 20));
        Assert.Contains("a stream's parameters are wrong (a gzip flavour with other buffers)", Refusal(OneStream(parameters: [0x89, 15 << 4 | 9]), 1 << 20));
    }

    [Fact]
    public void An_inflated_length_above_the_stream_limit_is_refused() =>
        Assert.Contains($"its inflated length is {StageCatalog.DeflateStreamBytes + 1L}, outside 0..{StageCatalog.DeflateStreamBytes}",
            Refusal(OneStream(inflated: StageCatalog.DeflateStreamBytes + 1L), 1 << 20));

    [Fact]
    public void A_body_of_another_length_than_the_header_says_is_refused() =>
        Assert.Contains($"the block holds {3 + Text.Length - 1} bytes, its header says {3 + Text.Length}", Refusal(OneStream(bodyTrim: 1), 1 << 20));

    [Fact]
    public void Content_that_does_not_deflate_to_the_stored_length_is_refused()
    {
        Assert.Contains($"a stream's content does not deflate to its {StreamLength - 1} bytes", Refusal(OneStream(deflated: StreamLength - 1, length: 2 + StreamLength), 1 << 20));
        Assert.Contains($"a stream's content does not deflate to its {StreamLength} bytes", Refusal(OneStream(parameters: [1, 15 << 4 | 8]), 1 << 20));
    }
}
