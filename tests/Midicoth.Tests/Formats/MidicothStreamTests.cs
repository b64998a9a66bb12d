using System.IO.Compression;

namespace Midicoth.Tests;

public class MidicothStreamTests
{
    private static readonly ICodec Cheap = new PipelineCodec(Topology.Parse("ppm:2,match"));

    private static byte[] Text(int n) => System.Text.Encoding.ASCII.GetBytes(
        string.Concat(Enumerable.Range(0, n / 20 + 1).Select(i => $"item {i,6} of many\n")))[..n];

    [Fact]
    public void Round_trips_through_small_writes_and_reads_across_blocks()
    {
        byte[] data = Text(50_000);
        var packed = new MemoryStream();
        using (var z = new MidicothStream(packed, CompressionMode.Compress, Cheap, new MdgOptions { BlockSize = 8192 }, leaveOpen: true))
        {
            for (int i = 0; i < data.Length; i += 777) z.Write(data, i, Math.Min(777, data.Length - i));
        }
        // Written in 777-byte pieces or at once, the frame is the same.
        Assert.Equal(MdgFrame.Compress(Cheap, data, new MdgOptions { BlockSize = 8192 }), packed.ToArray());
        packed.Position = 0;
        var back = new MemoryStream();
        using (var z = new MidicothStream(packed, CompressionMode.Decompress, Cheap))
        {
            var buffer = new byte[1000];
            int n;
            while ((n = z.Read(buffer, 0, buffer.Length)) > 0) back.Write(buffer, 0, n);
        }
        Assert.Equal(data, back.ToArray());
        Assert.Throws<ObjectDisposedException>(() => packed.Position);
    }

    [Fact]
    public async Task Async_overloads_and_frame_compatibility()
    {
        byte[] data = Text(20_000);
        var packed = new MemoryStream();
        await using (var z = new MidicothStream(packed, CompressionMode.Compress, Cheap, leaveOpen: true))
        {
            await z.WriteAsync(data, TestContext.Current.CancellationToken);
        }
        // One block: the same bytes as the span API.
        Assert.Equal(MdgFrame.Compress(Cheap, data), packed.ToArray());
        packed.Position = 0;
        await using var reader = new MidicothStream(packed, CompressionMode.Decompress, leaveOpen: true);
        var back = new MemoryStream();
        await reader.CopyToAsync(back, TestContext.Current.CancellationToken);
        Assert.Equal(data, back.ToArray());
    }

    [Fact]
    public void Empty_stream_is_a_valid_frame()
    {
        var packed = new MemoryStream();
        using (new MidicothStream(packed, CompressionMode.Compress, Cheap, leaveOpen: true)) { }
        Assert.Empty(MdgFrame.Decompress(packed.ToArray()));
    }

    [Fact]
    public void Wrong_direction_and_corruption_are_reported()
    {
        var packed = new MemoryStream();
        using (var z = new MidicothStream(packed, CompressionMode.Compress, Cheap, leaveOpen: true))
        {
            Assert.Throws<InvalidOperationException>(() => z.Read(new byte[1], 0, 1));
            z.Write(Text(3000));
        }
        byte[] bytes = packed.ToArray();
        bytes[^10] ^= 1;
        using var reader = new MidicothStream(new MemoryStream(bytes), CompressionMode.Decompress);
        Assert.Throws<MidicothFormatException>(() => reader.CopyTo(Stream.Null));
    }

    /// <summary>A pipe: no length, no seeking.</summary>
    private sealed class Pipe(byte[] data) : MemoryStream(data, writable: false)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
    }

    [Fact]
    public void A_header_claiming_a_huge_payload_on_a_pipe_fails_without_allocating_it()
    {
        byte[] frame = MdgFrame.Compress(Cheap, Text(5000), new MdgOptions { BlockSize = 64 << 20 });
        int blockHeader = LegacyFrames.HeaderSize(frame);
        byte[] lying = (byte[])frame.Clone();
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(lying.AsSpan(blockHeader), 64 << 20);       // content length
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(lying.AsSpan(blockHeader + 4), 100 << 20);  // payload length
        long before = GC.GetAllocatedBytesForCurrentThread();
        using var reader = new MidicothStream(new Pipe(lying), CompressionMode.Decompress, Cheap);
        var e = Assert.Throws<MidicothFormatException>(() => reader.CopyTo(Stream.Null));
        Assert.Contains("truncated", e.Message);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 8_000_000, $"allocated {allocated} bytes, as if the claim (164 MB) were true");

        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(lying.AsSpan(blockHeader + 4), int.MaxValue);
        using var reader2 = new MidicothStream(new Pipe(lying), CompressionMode.Decompress, Cheap);
        Assert.Contains("corrupt block header", Assert.Throws<MidicothFormatException>(() => reader2.CopyTo(Stream.Null)).Message);
    }

    /// <summary>Collects every report, from any thread.</summary>
    private sealed class Reports : IProgress<long>
    {
        public readonly List<long> Values = [];
        public void Report(long value) { lock (Values) Values.Add(value); }
    }

    [Fact]
    public void Codes_blocks_on_several_threads_with_the_same_bytes_and_reports_progress()
    {
        byte[] data = Text(300_000);
        var reports = new Reports();
        var threaded = new MdgOptions { BlockSize = 70_000, Threads = 3, Progress = reports };
        var packed = new MemoryStream();
        using (var z = new MidicothStream(packed, CompressionMode.Compress, Cheap, threaded, leaveOpen: true))
        {
            for (int i = 0; i < data.Length; i += 10_000) z.Write(data, i, Math.Min(10_000, data.Length - i));
        }
        // Blocks are independent: three at a time gives the very bytes of one at a time.
        Assert.Equal(MdgFrame.Compress(Cheap, data, new MdgOptions { BlockSize = 70_000 }), packed.ToArray());
        Assert.Equal(data.Length, reports.Values.Max());
        Assert.Equal(data.Length, reports.Values[^1]);
        Assert.Contains(reports.Values, v => v > 0 && v < data.Length);

        reports.Values.Clear();
        packed.Position = 0;
        var back = new MemoryStream();
        using (var z = new MidicothStream(packed, CompressionMode.Decompress, Cheap, threaded))
        {
            z.CopyTo(back);
        }
        Assert.Equal(data, back.ToArray());
        Assert.Equal(data.Length, reports.Values[^1]);
        // The span API takes the same options.
        Assert.Equal(data, MdgFrame.Decompress(MdgFrame.Compress(Cheap, data, threaded), Cheap, threaded));
    }
}
