using System.Diagnostics;
using Midicoth.Cli;

namespace Midicoth.Tests;

/// <summary>
/// The index at the end of a .mdg frame: a reader finds any block from it and decodes only the blocks a range
/// covers; frames without one (version 1, or --no-index) still decode, by walking the block headers; a damaged
/// index is refused, never trusted.
/// </summary>
public class SeekableFrameTests
{
    private static readonly ICodec Cheap = new PipelineCodec(Topology.Parse("ppm:1"));

    /// <summary>A codec that counts the blocks it decodes.</summary>
    private sealed class CountingCodec(ICodec inner) : ICodec
    {
        public int Decoded;
        public string Topology => inner.Topology;
        public byte[] EncodePayload(ReadOnlySpan<byte> data, IProgress<long>? progress = null) => inner.EncodePayload(data, progress);
        public void DecodePayload(byte[] payload, int offset, int count, Span<byte> output, IProgress<long>? progress = null)
        {
            Interlocked.Increment(ref Decoded);
            inner.DecodePayload(payload, offset, count, output, progress);
        }
    }

    private static byte[] Text(int n)
    {
        var rng = new Random(5);
        string[] words = ["block", "index", "range", "seek", "frame", "the", "a", "of", "and", "\n"];
        var s = new System.Text.StringBuilder(n + 16);
        while (s.Length < n) s.Append(words[rng.Next(words.Length)]).Append(' ');
        return System.Text.Encoding.ASCII.GetBytes(s.ToString(0, n));
    }

    /// <summary>
    /// An index forged with a valid checksum but entries that disagree with the blocks (one entry's CRC changed, or two
    /// entries' content lengths swapped, which keeps every offset consistent): the streaming decoder, which reads the
    /// blocks themselves, compares them with the index (MdgIndex.Verify) and refuses the frame.
    /// </summary>
    [Theory]
    [InlineData("crc")]
    [InlineData("lengths")]
    public void The_streaming_decoder_refuses_an_index_with_a_valid_checksum_and_wrong_entries(string forgery)
    {
        byte[] data = Text(3000);
        byte[] frame = MdgFrame.Compress(Cheap, data, new MdgOptions { BlockSize = 1024 });
        long at = MdgIndex.IndexOffset(frame.AsSpan(frame.Length - MdgIndex.FooterSize), frame.Length)!.Value;
        Topology topology = Topology.Parse(Cheap.Topology);
        MdgBlock[] blocks = MdgIndex.Parse(frame.AsSpan((int)at), at, 1024, topology);
        Assert.Equal(3, blocks.Length);
        blocks[1] = forgery == "crc"
            ? blocks[1] with { Crc = blocks[1].Crc ^ 1 }
            : blocks[1] with { ContentLength = blocks[2].ContentLength, };
        if (forgery == "lengths") blocks[2] = blocks[2] with { ContentOffset = blocks[1].ContentEnd, ContentLength = 1024 };
        byte[] forged = [.. frame.AsSpan(0, (int)at), .. MdgIndex.Serialize(blocks, at)];
        Assert.Equal(frame.Length, forged.Length);
        Assert.NotEqual(frame, forged);
        MdgIndex.Parse(forged.AsSpan((int)at), at, 1024, topology);   // the forged index passes every check of its own

        var e = Assert.Throws<MidicothFormatException>(() => MdgFrame.Decompress(forged));
        Assert.Equal("corrupt index: it does not match the blocks", e.Message);
        using var stream = new MidicothStream(new MemoryStream(forged), System.IO.Compression.CompressionMode.Decompress);
        Assert.Throws<MidicothFormatException>(() => stream.CopyTo(Stream.Null));
    }

    /// <summary>
    /// Offsets are 64-bit end to end: an index of 24 blocks of 256 MiB (content and payload, bit-wise) runs past 4 GiB
    /// in the file and in the content, and parses back to the same entries; one entry's offset cut to 32 bits breaks
    /// the chain and is refused.
    /// </summary>
    [Fact]
    public void Index_entries_past_4_GiB_keep_their_offsets()
    {
        Topology topology = Topology.Parse("ctx:1-16,mixer:0-6");
        const int size = MdgFrame.MaxBlockSize;
        var blocks = new List<MdgBlock>();
        long offset = 100, content = 0;
        for (int i = 0; i < 24; i++)
        {
            var block = new MdgBlock(offset, content, size, size, (uint)i);
            blocks.Add(block);
            offset = block.End;
            content = block.ContentEnd;
        }
        long indexOffset = offset + MdgFrame.TrailerSize;
        Assert.True(indexOffset > 6L << 30 && content == 6L << 30);
        MdgBlock[] parsed = MdgIndex.Parse(MdgIndex.Serialize(blocks, indexOffset), indexOffset, size, topology);
        Assert.Equal(blocks, parsed);
        Assert.Equal(23L * size, parsed[^1].ContentOffset);

        blocks[20] = blocks[20] with { Offset = (uint)blocks[20].Offset };
        var e = Assert.Throws<MidicothFormatException>(() => MdgIndex.Parse(MdgIndex.Serialize(blocks, indexOffset), indexOffset, size, topology));
        Assert.Equal("corrupt index: blocks do not follow one another", e.Message);
    }

    [Fact]
    public void A_frame_ends_with_an_index_and_ranges_decode_only_their_blocks()
    {
        byte[] data = Text(40_000);
        byte[] frame = MdgFrame.Compress(Cheap, data, new MdgOptions { BlockSize = 4096 });
        Assert.Equal("MDGX"u8.ToArray(), frame[^4..]);
        var counting = new CountingCodec(Cheap);
        using var reader = new MidicothReader(new MemoryStream(frame), counting);
        Assert.True(reader.HasIndex);
        Assert.Equal(10, reader.Blocks.Count);
        Assert.Equal(data.Length, reader.Length);
        Assert.Equal(0, counting.Decoded);

        Assert.Equal(data.AsSpan(3000, 3000).ToArray(), reader.ReadRange(3000, 3000)); // blocks 0 and 1
        Assert.Equal(2, counting.Decoded);
        Assert.Equal(data.AsSpan(8192, 4096).ToArray(), reader.ReadRange(8192, 4096)); // block 2 exactly
        Assert.Equal(3, counting.Decoded);
        Assert.Equal(data.AsSpan(39_000).ToArray(), reader.ReadRange(39_000, 5000));   // past the end: what there is
        Assert.Empty(reader.ReadRange(40_000, 10));
        var all = new MemoryStream();
        Assert.Equal(data.Length, reader.CopyTo(all));
        Assert.Equal(data, all.ToArray());
    }

    [Fact]
    public void Frames_without_an_index_decode_and_open_by_walking_their_headers()
    {
        byte[] data = Text(20_000);
        byte[] bare = MdgFrame.Compress(Cheap, data, new MdgOptions { BlockSize = 4096, WriteIndex = false });
        byte[] indexed = MdgFrame.Compress(Cheap, data, new MdgOptions { BlockSize = 4096 });
        Assert.Equal(MdgIndex.SizeFor(5), indexed.Length - bare.Length);
        Assert.Equal(bare, indexed[..bare.Length]);
        byte[] version1 = LegacyFrames.AsVersion(bare, 1, Cheap.Topology); // what the first release wrote
        byte[] version2 = LegacyFrames.AsVersion(bare, 2, Cheap.Topology); // the topology as text, no index

        foreach (byte[] frame in (byte[][])[bare, version1, version2])
        {
            Assert.Equal(data, MdgFrame.Decompress(frame));
            using var reader = new MidicothReader(new MemoryStream(frame));
            Assert.False(reader.HasIndex);
            Assert.Equal(5, reader.Blocks.Count);
            Assert.Equal(data.AsSpan(10_000, 100).ToArray(), reader.ReadRange(10_000, 100));
        }
        // An index after a version 1 frame is damage there.
        byte[] v1Indexed = LegacyFrames.AsVersion(indexed, 1, Cheap.Topology);
        Assert.Throws<MidicothFormatException>(() => MdgFrame.Decompress(v1Indexed));
    }

    [Fact]
    public void Every_single_byte_damage_to_the_index_or_footer_is_refused_or_harmless()
    {
        byte[] data = Text(12_000);
        byte[] frame = MdgFrame.Compress(Cheap, data, new MdgOptions { BlockSize = 4096 });
        int indexStart = frame.Length - MdgIndex.SizeFor(3);
        int refusedByStream = 0, refusedByReader = 0;
        var accepted = new List<int>();
        for (int i = indexStart; i < frame.Length; i++)
        {
            byte[] damaged = (byte[])frame.Clone();
            damaged[i] ^= 0x21;
            try { Assert.Equal(data, MdgFrame.Decompress(damaged)); accepted.Add(i - indexStart); }
            catch (MidicothFormatException) { refusedByStream++; }
            try
            {
                using var reader = new MidicothReader(new MemoryStream(damaged));
                var all = new MemoryStream();
                reader.CopyTo(all);
                Assert.Equal(data, all.ToArray());
            }
            catch (MidicothFormatException) { refusedByReader++; }
        }
        // Both readers check every byte of the index: its CRC, its footer, and its entries against the blocks. (With
        // the footer's magic damaged the random-access reader walks the block headers, then checks what follows.)
        Assert.True(frame.Length - indexStart == refusedByStream, "accepted: " + string.Join(",", accepted));
        Assert.Equal(frame.Length - indexStart, refusedByReader);
    }

    [Fact]
    public void A_hostile_footer_cannot_make_the_reader_allocate_an_index_the_file_cannot_hold()
    {
        byte[] frame = MdgFrame.Compress(Cheap, Text(3000), new MdgOptions { BlockSize = 1024 });
        // 4 MiB of padding, then a footer pointing just after the header: an "index" of 4 MiB for a file whose
        // blocks (none before that offset) could need none.
        byte[] hostile = [.. frame[..^16], .. new byte[4 << 20], .. frame[^16..]];
        long at = hostile.Length - MdgIndex.SizeFor(0) - 20L * ((hostile.Length - MdgIndex.SizeFor(0) - 32) / 20);
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(hostile.AsSpan(hostile.Length - 16), at);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<MidicothFormatException>(() => new MidicothReader(new MemoryStream(hostile)));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal("corrupt index: more blocks than the file can hold", e.Message);
        Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes");
    }

    [Fact]
    public void A_32_MB_file_returns_a_1_MB_range_from_its_middle_decoding_only_the_blocks_it_covers()
    {
        // ppm:0 keeps the test quick; the frame and the index are the same for every topology.
        var codec = new PipelineCodec(Topology.Parse("ppm:0"));
        byte[] data = Text(32 << 20);
        var clock = Stopwatch.StartNew();
        byte[] frame = MdgFrame.Compress(codec, data, new MdgOptions { BlockSize = 1 << 20, Threads = 0 });
        TimeSpan compress = clock.Elapsed;
        var counting = new CountingCodec(codec);
        clock.Restart();
        using var reader = new MidicothReader(new MemoryStream(frame), counting);
        long offset = (16 << 20) + 12_345; // 1 MB from the middle: spans blocks 16 and 17
        byte[] range = reader.ReadRange(offset, 1 << 20);
        TimeSpan read = clock.Elapsed;
        Assert.Equal(data.AsSpan((int)offset, 1 << 20).ToArray(), range);
        Assert.Equal(32, reader.Blocks.Count);
        Assert.Equal(2, counting.Decoded);
        TestContext.Current.SendDiagnosticMessage($"32 MiB: compressed to {frame.Length:N0} bytes in {compress.TotalSeconds:F1} s; 1 MiB range from the middle read in {read.TotalSeconds:F2} s (2 of 32 blocks decoded)");
    }

    [Fact]
    public void The_cli_lists_a_file_and_decodes_it_through_its_index()
    {
        string dir = Directory.CreateTempSubdirectory("midicoth-list").FullName;
        try
        {
            byte[] data = Text(30_000);
            string path = Path.Combine(dir, "data");
            File.WriteAllBytes(path, data);
            var output = new StringWriter();
            CliHost Host() => new("midicoth", Cheap) { Out = output, Error = output, ErrorIsTerminal = false };
            Assert.Equal(0, Host().Run(["-q", "-B", "8K", path]));
            Assert.Equal(0, Host().Run(["-l", "-v", path + ".mdg"]));
            string listing = output.ToString();
            Assert.Contains("ppm:1", listing);
            Assert.Matches(@"\s4\s+[\d,]+\s+30,000\s.*\syes\s+ppm:1\s", listing);
            Assert.Equal(4, listing.Split('\n').Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s+\d+\s+[\d,]+\s+[\d,]+\s+[\d,]+\s+[\d,]+\s+[\d.]+\s+[0-9a-f]{8}$")));
            File.Delete(path);
            Assert.Equal(0, Host().Run(["-d", "-q", "-T", "3", path + ".mdg"]));
            Assert.Equal(data, File.ReadAllBytes(path));

            Assert.Equal(0, Host().Run(["-q", "-f", "-B", "8K", "--no-index", "-o", path + ".bare", path]));
            Assert.Equal(new FileInfo(path + ".mdg").Length - MdgIndex.SizeFor(4), new FileInfo(path + ".bare").Length);
            output.GetStringBuilder().Clear();
            Assert.Equal(0, Host().Run(["-l", path + ".bare"]));
            Assert.Contains("   no  ", output.ToString());
            Assert.Equal(ExitCodes.Usage, Host().Run(["-l", "-"]));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Without_a_block_size_bit_wise_topologies_get_16_MiB_blocks_and_byte_wise_ones_4_MiB()
    {
        foreach (var (text, expected) in new[] { ("ctx:1-16,mixer:0-6", 16 << 20), ("ppm:1", 4 << 20) })
        {
            byte[] frame = MdgFrame.Compress(new PipelineCodec(Topology.Parse(text)), "some content"u8);
            using var reader = new MidicothReader(new MemoryStream(frame));
            Assert.Equal(expected, reader.Header.BlockSize);
        }
    }
}
