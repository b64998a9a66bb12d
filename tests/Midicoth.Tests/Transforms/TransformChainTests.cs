namespace Midicoth.Tests;

/// <summary>The transform role: where transforms stand in a topology, the payload they make, what a decoder refuses.</summary>
public class TransformChainTests
{
    private const string Models = "ctx:1-16,ctx:2-16,mixer:3-6";

    [Theory]
    [InlineData("ctx:1-16,x86,mixer:3-6", "'x86' is a transform: it rewrites the block before any model sees it, so it stands first")]
    [InlineData("ppm:2,x86", "'x86' is a transform")]
    [InlineData("x86,x86,ppm:2", "'x86' appears twice")]
    [InlineData("x86", "the transforms need models after them")]
    [InlineData("x86,mixer:3-6", "has no inputs")]
    public void Transforms_stand_first_once_each_before_models(string text, string reason)
    {
        Assert.False(Topology.TryParse(text, out _, out string? error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void A_topology_knows_its_transforms_and_its_models()
    {
        Topology topology = Topology.Parse("x86," + Models);
        Assert.Equal(["x86"], topology.Transforms.Select(s => s.Name));
        Assert.Equal(Models, topology.Models.Text);
        Assert.True(topology.IsBitWise);
        Assert.Equal(Models, Topology.Parse(Models).Models.Text);
    }

    [Fact]
    public void Frames_with_transforms_round_trip_through_every_decoder_path()
    {
        byte[] data = [.. SyntheticCode.Make(150_000, seed: 4), .. System.Text.Encoding.ASCII.GetBytes(new string('a', 1000))];
        foreach (string text in new[] { "x86," + Models, "x86,ppm:2,match" })
        {
            var codec = new PipelineCodec(Topology.Parse(text));
            byte[] frame = MdgFrame.Compress(codec, data, new MdgOptions { BlockSize = 64 << 10 });
            Assert.Equal(data, MdgFrame.Decompress(frame));
            using var stream = new MidicothStream(new MemoryStream(frame), System.IO.Compression.CompressionMode.Decompress);
            var read = new MemoryStream();
            stream.CopyTo(read);
            Assert.Equal(data, read.ToArray());
        }
    }

    [Fact]
    public void The_filter_pays_on_code()
    {
        byte[] code = SyntheticCode.Make(200_000, seed: 8);
        long with = new PipelineCodec(Topology.Parse("x86," + Models)).EncodePayload(code).Length;
        long without = new PipelineCodec(Topology.Parse(Models)).EncodePayload(code).Length;
        Assert.True(with < without * 0.9, $"{with} against {without}");
    }

    [Fact]
    public void The_memory_figure_counts_the_rewritten_block()
    {
        Topology with = Topology.Parse("x86," + Models), without = Topology.Parse(Models);
        long block = 1 << 20;
        Assert.Equal(with.RewrittenLength(block), block + (block / StageCatalog.X86RegionBytes + 8) / 8 + StageCatalog.TransformHeaderBytes);
        Assert.True(with.MemoryBytesFor(block) >= without.MemoryBytesFor(with.RewrittenLength(block)) + with.RewrittenLength(block));
        Assert.Equal(without.MemoryBytes + StageCatalog.StageBookkeepingBytes, with.MemoryBytes);
    }

    [Theory]
    [InlineData("max")]
    [InlineData("fast")]
    public void The_samples_with_transforms_decode_their_own_default_blocks_within_the_default_limit(string sample)
    {
        Topology topology = Topology.Parse(sample == "max" ? Midicoth.Samples.MaxCodec.TopologyText : Midicoth.Samples.FastCodec.TopologyText);
        long needed = topology.MemoryBytesFor(MdgFrame.DefaultBitWiseBlockSize)!.Value;
        Assert.True(needed <= StageCatalog.DefaultMemoryLimit, $"{sample}: {needed >> 20} MiB for a 16 MiB block");
    }

    [Fact]
    public void A_rewritten_length_above_what_the_transforms_can_make_is_refused_before_allocating()
    {
        var chain = new TransformChain(new X86Transform());
        long bound = new X86Transform().MaxRewrittenLength(1000);
        byte[] payload = TransformChain.Payload(1000, (int)bound + 1, new byte[8]);
        int offset = 0, count = payload.Length;
        string message = Assert.Throws<MidicothFormatException>(() => chain.RewrittenBuffer(payload, ref offset, ref count, 1000)).Message;
        Assert.Contains($"its rewritten length is {bound + 1}, outside 0..{bound}", message);
        foreach (int length in new[] { (int)bound, 1000, 900, 0 })
        {
            payload = TransformChain.Payload(1000, length, new byte[8]);
            offset = 0;
            count = payload.Length;
            Assert.Equal(length, chain.RewrittenBuffer(payload, ref offset, ref count, 1000).Length);
            Assert.Equal(8, count);
        }
    }

    [Fact]
    public void A_rewritten_length_past_any_block_is_refused_as_it_is_read()
    {
        var chain = new TransformChain(new X86Transform());
        byte[] payload = [0xFF, 0xFF, 0xFF, 0x7F, 0, 0];
        int offset = 0, count = payload.Length;
        Assert.Contains("its rewritten length is 268435455, outside 0..2001",
            Assert.Throws<MidicothFormatException>(() => chain.RewrittenBuffer(payload, ref offset, ref count, 1000)).Message);
    }

    [Fact]
    public void A_block_the_transforms_restore_to_another_length_is_refused()
    {
        var chain = new TransformChain(new X86Transform());
        byte[] rewritten = new X86Transform().Forward(new byte[900]);
        Assert.Contains("the transforms restored 900 bytes, not 1000",
            Assert.Throws<MidicothFormatException>(() => chain.Inverse(rewritten, new byte[1000])).Message);
    }
}
