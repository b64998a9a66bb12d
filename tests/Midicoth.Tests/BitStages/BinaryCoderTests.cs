namespace Midicoth.Tests;

/// <summary>The binary arithmetic coder on its own: exact round trips, cost near the entropy, exact payload length.</summary>
public class BinaryCoderTests
{
    /// <summary>A fixed model: always the same probability.</summary>
    private struct Fixed(int p) : IBitModel
    {
        public readonly int Predict() => p;
        public readonly void Update(int bit) { }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2048)]
    [InlineData(4000)]
    [InlineData(4095)]
    public void Round_trips_whatever_the_probability(int p)
    {
        var data = new byte[5000];
        new Random(p).NextBytes(data);
        var model = new Fixed(p);
        byte[] payload = BitCoder.Encode(ref model, data);
        var output = new byte[data.Length];
        model = new Fixed(p);
        BitCoder.Decode(ref model, payload, 0, payload.Length, output);
        Assert.Equal(data, output);
    }

    [Fact]
    public void Codes_near_the_entropy()
    {
        // Bits that are 1 with probability 1/16, coded with p = 256/4096: cost ~0.337 bits a bit.
        var random = new Random(7);
        var data = new byte[20000];
        for (int i = 0; i < data.Length; i++)
        {
            int c = 0;
            for (int k = 0; k < 8; k++) c = c * 2 + (random.Next(16) == 0 ? 1 : 0);
            data[i] = (byte)c;
        }
        var model = new Fixed(256);
        byte[] payload = BitCoder.Encode(ref model, data);
        double bitsPerBit = payload.Length * 8.0 / (data.Length * 8);
        double entropy = -(1 / 16.0 * Math.Log2(1 / 16.0) + 15 / 16.0 * Math.Log2(15 / 16.0));
        Assert.InRange(bitsPerBit, entropy * 0.97, entropy * 1.02);
    }

    [Fact]
    public void A_payload_one_byte_short_or_long_is_rejected()
    {
        byte[] data = "the bit-wise coder must end exactly where the encoder did"u8.ToArray();
        var model = new Fixed(1500);
        byte[] payload = BitCoder.Encode(ref model, data);
        var output = new byte[data.Length];
        model = new Fixed(1500);
        Assert.Throws<MidicothFormatException>(() => BitCoder.Decode(ref model, payload, 0, payload.Length - 1, output));
        byte[] longer = [.. payload, 0];
        model = new Fixed(1500);
        Assert.Throws<MidicothFormatException>(() => BitCoder.Decode(ref model, longer, 0, longer.Length, output));
    }
}
