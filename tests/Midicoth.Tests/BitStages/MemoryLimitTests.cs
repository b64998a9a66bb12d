namespace Midicoth.Tests;

/// <summary>
/// A decoder judges a frame by what its blocks' models need (the topology's tables at the size each block gets: a
/// short block gets smaller ones), known from the header and each block's length before anything is allocated for
/// the block; one that needs more than the limit is refused in one line that states the figure.
/// </summary>
public class MemoryLimitTests
{
    // Two context maps of 2^29 bytes: about 1 GiB and 1 MiB more at full size, above the default limit of 1 GiB.
    private const string Greedy = "ctx:1-29,ctx:2-29,mixer:0-6";

    // Sixteen context maps of 2^30 bytes: 16 GiB at full size.
    private static readonly string Sixteen = string.Join(",", Enumerable.Range(1, 16).Select(i => $"ctx:{i}-30")) + ",mixer:0-6";

    // One context map of 16 MiB, which a block of 1 MiB or more gets whole.
    private const string Modest = "ctx:1-24,mixer:0-6";

    private static byte[] Text(int n)
    {
        var rng = new Random(11);
        string[] words = ["memory", "limit", "block", "table", "the", "a", "of", "\n"];
        var s = new System.Text.StringBuilder(n + 16);
        while (s.Length < n) s.Append(words[rng.Next(words.Length)]).Append(' ');
        return System.Text.Encoding.ASCII.GetBytes(s.ToString(0, n));
    }

    private static readonly Lazy<byte[]> Large = new(() => Text(1_100_000));
    private static readonly Lazy<byte[]> LargeFrame = new(() => MdgFrame.Compress(new PipelineCodec(Topology.Parse(Modest)), Large.Value));

    [Fact]
    public void At_full_size_the_topologies_declare_more_than_the_default_limit()
    {
        Assert.True(Topology.Parse(Greedy).MemoryBytes > MdgOptions.DefaultMemoryLimit);
        Assert.True(Topology.Parse(Sixteen).MemoryBytes > 16L << 30);
    }

    [Fact]
    public void A_small_file_of_a_greedy_topology_decodes_under_the_default_limit()
    {
        // 100 KB: each map gets 2 MiB (16 bytes of table per byte of input), not 1 GiB.
        byte[] data = Text(100_000);
        Assert.InRange(Topology.Parse(Sixteen).MemoryBytesFor(data.Length)!.Value, 32L << 20, 40L << 20);
        byte[] frame = MdgFrame.Compress(new PipelineCodec(Topology.Parse(Sixteen)), data);
        Assert.Equal(data, MdgFrame.Decompress(frame));
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, frame);
            using var reader = MidicothReader.Open(path);
            Assert.Equal(data.AsSpan(50_000, 1000).ToArray(), reader.ReadRange(50_000, 1000));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_block_that_needs_more_than_the_limit_is_refused_with_its_figure_and_no_large_allocation()
    {
        byte[] frame = LargeFrame.Value;
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<MidicothFormatException>(() => MdgFrame.Decompress(frame, null, new MdgOptions { MemoryLimit = 8 << 20 }));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal("memory limit: a block of 1,100,000 bytes of this file needs 17 MiB for its models, above the limit of 8 MiB (raise it with --memory)", e.Message);
        Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes before refusing");
    }

    [Fact]
    public void The_random_access_reader_refuses_it_too()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, LargeFrame.Value);
            var e = Assert.Throws<MidicothFormatException>(() => MidicothReader.Open(path, null, new MdgOptions { MemoryLimit = 8 << 20 }));
            Assert.StartsWith("memory limit: a block of 1,100,000 bytes", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_higher_limit_lets_it_decode()
    {
        Assert.Equal(Large.Value, MdgFrame.Decompress(LargeFrame.Value, null, new MdgOptions { MemoryLimit = 32 << 20 }));
    }
}
