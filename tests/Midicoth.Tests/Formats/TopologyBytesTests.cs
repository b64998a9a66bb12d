using Midicoth.Samples;

namespace Midicoth.Tests;

/// <summary>The frame's topology in bytes (version 3): every sample's topology survives it, it is short, and damage is refused with the reason.</summary>
public class TopologyBytesTests
{
    private static Topology Read(byte[] bytes)
    {
        int offset = 0;
        return TopologyBytes.Read((buffer, what) =>
        {
            if (offset + buffer.Length > bytes.Length) throw new MidicothFormatException("truncated input: the " + what + " ends early");
            bytes.AsSpan(offset, buffer.Length).CopyTo(buffer.Span);
            offset += buffer.Length;
        }).Topology;
    }

    [Theory]
    [InlineData(MidicothCodec.TopologyText, 12)]   // count, then ppm 2, match 3, word 1, highorder 3, denoise 2
    [InlineData(FastCodec.TopologyText, 26)]      // deflate and x86 (a kind byte each), then the models
    [InlineData(MaxCodec.TopologyText, 79)]
    [InlineData(BridgeCodec.TopologyText, 36)]
    public void Topologies_come_back_the_same_in_a_few_bytes(string text, int size)
    {
        byte[] bytes = TopologyBytes.Of(Topology.Parse(text));
        Assert.Equal(size, bytes.Length);
        Assert.Equal(text, Read(bytes).Text);
    }

    [Theory]
    [InlineData(new byte[] { 0 }, "corrupt header: a topology of no stages")]
    [InlineData(new byte[] { 1, 200 }, "corrupt header: unknown stage kind 200 (stage 1 of 1)")]
    [InlineData(new byte[] { 1, 0, 13 }, "corrupt header: bad topology (")]          // ppm order 13
    [InlineData(new byte[] { 2, 5, 2, 22, 0, 4 }, "corrupt header: bad topology (")] // ctx then ppm: families mixed
    [InlineData(new byte[] { 2, 5, 2 }, "truncated input")]
    public void Damaged_topology_bytes_are_refused_with_the_reason(byte[] bytes, string start)
    {
        var e = Assert.Throws<MidicothFormatException>(() => Read(bytes));
        Assert.StartsWith(start, e.Message);
    }
}
