
namespace Midicoth.Tests;

/// <summary>Property-style round trips over edge-case inputs and several topologies.</summary>
public class RoundTripTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        string[] topologies = ["ppm:4,match,word,highorder,denoise:3", "ppm:0", "ppm:2,match", "ppm:6,word,denoise:1", "ppm:3,highorder:2-12,match:2-32,denoise:2"];
        string[] inputs = ["empty", "one", "run", "all256", "random", "text"];
        foreach (string t in topologies)
        {
            foreach (string i in inputs) data.Add(t, i);
        }
        return data;
    }

    public static byte[] Input(string name) => name switch
    {
        "empty" => [],
        "one" => [0x42],
        "run" => Enumerable.Repeat((byte)'z', 5000).Concat(Enumerable.Repeat((byte)0, 3000)).ToArray(),
        "all256" => Enumerable.Range(0, 512).Select(i => (byte)(i * 7)).ToArray(),
        "random" => RandomBytes(6000, 3),
        "text" => "It was the best of times, it was the worst of times, it was the age of wisdom. "u8.ToArray().Concat(RandomBytes(50, 9)).ToArray(),
        _ => throw new ArgumentException(name),
    };

    private static byte[] RandomBytes(int n, int seed)
    {
        var bytes = new byte[n];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decodes_to_the_original(string topologyText, string inputName)
    {
        var codec = new PipelineCodec(Topology.Parse(topologyText));
        byte[] input = Input(inputName);
        byte[] payload = codec.EncodePayload(input);
        var output = new byte[input.Length];
        codec.DecodePayload(payload, 0, payload.Length, output);
        Assert.Equal(input, output);
    }

    [Fact]
    public void Random_data_costs_little_more_than_8_bits_per_byte()
    {
        // The models need a while to learn that nothing is to be learned: 6,000 random bytes cost about 6.5% extra.
        byte[] input = Input("random");
        Assert.Equal(6394, PipelineCodec.Paper.EncodePayload(input).Length);
    }

    [Fact]
    public void Redundant_data_compresses()
    {
        byte[] input = Input("run");
        Assert.Equal(28, PipelineCodec.Paper.EncodePayload(input).Length); // 8,000 bytes of two runs
    }
}
