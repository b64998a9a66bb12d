
namespace Midicoth.Tests;

public class ArithmeticCoderTests
{
    [Fact]
    public void Round_trips_random_symbols_under_changing_tables()
    {
        var rng = new Random(7);
        const int n = 20000;
        var tables = new uint[n][];
        var symbols = new int[n];
        var output = new ByteBuffer();
        var encoder = new ArithmeticEncoder(output);
        for (int i = 0; i < n; i++)
        {
            var cum = new uint[257];
            for (int s = 0; s < 256; s++) cum[s + 1] = cum[s] + (uint)(rng.Next(8) == 0 ? rng.Next(1, 4000) : 1);
            tables[i] = cum;
            int symbol = rng.Next(256);
            symbols[i] = symbol;
            encoder.Encode(cum, symbol, cum[256]);
        }
        encoder.Finish();
        byte[] payload = output.ToArray();
        var decoder = new ArithmeticDecoder(payload, 0, payload.Length);
        for (int i = 0; i < n; i++) Assert.Equal(symbols[i], decoder.Decode(tables[i], tables[i][256]));
        decoder.VerifyEnd(payload.Length);
    }

    [Fact]
    public void Decoding_a_stream_of_ones_does_not_read_past_the_table()
    {
        // The reference's decoder wraps value - low + 1 to 0 here and reads cum[257].
        var cum = new uint[257];
        for (int s = 0; s < 256; s++) cum[s + 1] = cum[s] + (s == 255 ? 16129u : 1u);
        byte[] ones = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF];
        var decoder = new ArithmeticDecoder(ones, 0, ones.Length);
        Assert.Equal(255, decoder.Decode(cum, cum[256]));
    }

    [Fact]
    public void Extra_or_missing_payload_bytes_are_detected()
    {
        var cum = new uint[257];
        for (int s = 0; s < 256; s++) cum[s + 1] = cum[s] + 64;
        var output = new ByteBuffer();
        var encoder = new ArithmeticEncoder(output);
        for (int i = 0; i < 100; i++) encoder.Encode(cum, i, cum[256]);
        encoder.Finish();
        byte[] payload = output.ToArray();

        byte[] longer = [.. payload, 0x55];
        var decoder = new ArithmeticDecoder(longer, 0, longer.Length);
        for (int i = 0; i < 100; i++) decoder.Decode(cum, cum[256]);
        Assert.Throws<MidicothFormatException>(() => decoder.VerifyEnd(longer.Length));

        var shorter = payload[..^2];
        decoder = new ArithmeticDecoder(shorter, 0, shorter.Length);
        for (int i = 0; i < 100; i++) decoder.Decode(cum, cum[256]);
        Assert.Throws<MidicothFormatException>(() => decoder.VerifyEnd(shorter.Length));
    }
}
