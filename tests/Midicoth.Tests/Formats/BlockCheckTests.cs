using System.Buffers.Binary;
using System.IO.Compression;
using Midicoth.Cli;

namespace Midicoth.Tests;

/// <summary>
/// A block is handed out only after its own CRC has passed: damage in the middle of a multi-block frame stops the
/// output exactly at the end of the block before it, on one thread or several, through the stream, the span API
/// and the CLI (which then leaves no file). The damage chosen decodes without a coder error to wrong bytes of the
/// right length, so only the per-block check can stop it: without that check the damaged block's bytes would be
/// handed out and the error would come only from the trailer, at the end.
/// </summary>
public class BlockCheckTests
{
    private const int BlockSize = 4096;
    private const int Damaged = 2; // the third of six blocks
    private static readonly ICodec Cheap = new PipelineCodec(Topology.Parse("ppm:2,match"));
    private static readonly byte[] Data = System.Text.Encoding.ASCII.GetBytes(
        string.Concat(Enumerable.Range(0, 2000).Select(i => $"record {i} holds {i * 7919 % 1000}\n")))[..(6 * BlockSize)];

    /// <summary>Where each block's payload starts in a frame, and its length.</summary>
    private static List<(int Offset, int Length)> Payloads(byte[] frame)
    {
        var payloads = new List<(int, int)>();
        int at = LegacyFrames.HeaderSize(frame);
        while (BinaryPrimitives.ReadInt32LittleEndian(frame.AsSpan(at)) is int length and > 0)
        {
            int payload = BinaryPrimitives.ReadInt32LittleEndian(frame.AsSpan(at + 4));
            payloads.Add((at + 12, payload));
            at += 12 + payload;
        }
        return payloads;
    }

    /// <summary>The frame with one bit of block <see cref="Damaged"/>'s payload flipped such that it still decodes, to other bytes.</summary>
    private static byte[] SilentlyDamagedFrame()
    {
        byte[] frame = MdgFrame.Compress(Cheap, Data, new MdgOptions { BlockSize = BlockSize });
        var (offset, length) = Payloads(frame)[Damaged];
        byte[] original = Data.AsSpan(Damaged * BlockSize, BlockSize).ToArray();
        for (int i = length / 2; i < length; i++)
        {
            byte[] payload = frame.AsSpan(offset, length).ToArray();
            payload[i] ^= 0x10;
            var content = new byte[BlockSize];
            try { Cheap.DecodePayload(payload, 0, payload.Length, content); }
            catch (MidicothFormatException) { continue; }
            if (content.AsSpan().SequenceEqual(original)) continue;
            byte[] damaged = (byte[])frame.Clone();
            damaged[offset + i] ^= 0x10;
            return damaged;
        }
        throw new InvalidOperationException("no single-bit damage decodes silently in this block");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void The_stream_stops_at_the_end_of_the_block_before_the_damage(int threads)
    {
        byte[] damaged = SilentlyDamagedFrame();
        using var reader = new MidicothStream(new MemoryStream(damaged), CompressionMode.Decompress, Cheap, new MdgOptions { Threads = threads });
        var output = new MemoryStream();
        var buffer = new byte[1000];
        var e = Assert.Throws<MidicothFormatException>(() =>
        {
            int n;
            while ((n = reader.Read(buffer, 0, buffer.Length)) > 0) output.Write(buffer, 0, n);
        });
        Assert.Equal("corrupt data: block checksum mismatch", e.Message);
        Assert.Equal(Data[..(Damaged * BlockSize)], output.ToArray());
    }

    [Fact]
    public void The_span_api_returns_nothing_and_the_cli_leaves_no_file()
    {
        byte[] damaged = SilentlyDamagedFrame();
        Assert.Throws<MidicothFormatException>(() => MdgFrame.Decompress(damaged, Cheap));

        string dir = Directory.CreateTempSubdirectory("midicoth-blockcheck").FullName;
        try
        {
            string path = Path.Combine(dir, "data.mdg");
            File.WriteAllBytes(path, damaged);
            var error = new StringWriter();
            int code = new CliHost("midicoth", Cheap) { Error = error, Out = TextWriter.Null, ErrorIsTerminal = false }.Run(["-d", "-T", "2", path]);
            Assert.Equal(ExitCodes.BadData, code);
            Assert.Contains("block checksum mismatch", error.ToString());
            Assert.Equal(["data.mdg"], Directory.GetFiles(dir).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void A_damaged_block_header_after_good_blocks_also_stops_there()
    {
        byte[] frame = MdgFrame.Compress(Cheap, Data, new MdgOptions { BlockSize = BlockSize });
        var (offset, _) = Payloads(frame)[Damaged];
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(offset - 12), BlockSize + 1); // content length beyond the block size
        using var reader = new MidicothStream(new MemoryStream(frame), CompressionMode.Decompress, Cheap, new MdgOptions { Threads = 4 });
        var output = new MemoryStream();
        Assert.Throws<MidicothFormatException>(() => reader.CopyTo(output));
        Assert.Equal(Data[..(Damaged * BlockSize)], output.ToArray());
    }
}
