namespace Midicoth.Tests;

/// <summary>A frame whose topology needs more memory than the decoder's limit is refused before anything is allocated.</summary>
public class MemoryLimitTests
{
    // Two context maps of 2^29 bytes: about 1 GiB and 1 MiB more, above the default limit of 1 GiB.
    private const string Greedy = "ctx:1-29,ctx:2-29,mixer:0-6";

    private static byte[] GreedyFrame()
    {
        // A short block gets small tables when it is coded, so writing this file is cheap; its header still
        // declares the topology's full size, which is what a decoder must judge it by.
        return MdgFrame.Compress(new PipelineCodec(Topology.Parse(Greedy)), "a small file with a greedy topology"u8);
    }

    [Fact]
    public void The_topology_declares_more_than_the_default_limit()
    {
        Assert.True(Topology.Parse(Greedy).MemoryBytes > MdgOptions.DefaultMemoryLimit);
    }

    [Fact]
    public void Decoding_is_refused_with_a_one_line_reason_and_no_large_allocation()
    {
        byte[] frame = GreedyFrame();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<MidicothFormatException>(() => MdgFrame.Decompress(frame));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.StartsWith("memory limit: this file's topology needs 1025 MiB", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes before refusing");
    }

    [Fact]
    public void The_random_access_reader_refuses_it_too()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, GreedyFrame());
            var e = Assert.Throws<MidicothFormatException>(() => MidicothReader.Open(path));
            Assert.StartsWith("memory limit:", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_higher_limit_lets_it_decode()
    {
        byte[] frame = GreedyFrame();
        byte[] content = MdgFrame.Decompress(frame, null, new MdgOptions { MemoryLimit = 2L << 30 });
        Assert.Equal("a small file with a greedy topology"u8.ToArray(), content);
    }

    [Fact]
    public void A_lower_limit_refuses_a_modest_topology()
    {
        byte[] frame = MdgFrame.Compress(new PipelineCodec(Topology.Parse("ctx:1-24,mixer:0-6")), "x"u8);
        Assert.Throws<MidicothFormatException>(() => MdgFrame.Decompress(frame, null, new MdgOptions { MemoryLimit = 8 << 20 }));
        Assert.Equal("x"u8.ToArray(), MdgFrame.Decompress(frame, null, new MdgOptions { MemoryLimit = 32 << 20 }));
    }
}
