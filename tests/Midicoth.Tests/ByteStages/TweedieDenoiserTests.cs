
namespace Midicoth.Tests;

public class TweedieDenoiserTests
{
    [Fact]
    public void Paper_table_has_155520_entries()
    {
        Assert.Equal(155_520, new TweedieDenoiser(3).EntryCount);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(129, 3)]
    [InlineData(243, 3)]
    [InlineData(244, 4)]
    [InlineData(973, 4)]
    [InlineData(974, 5)]
    [InlineData(4095, 6)]
    [InlineData(4096, 5)]
    [InlineData(4097, 6)]
    [InlineData(16383, 7)]
    [InlineData(16384, 6)]
    [InlineData(16385, 7)]
    public void Confidence_bins_follow_the_reference_including_its_non_monotonic_steps(double confidence, int bin)
    {
        Assert.Equal(bin, TweedieDenoiser.ConfidenceBin(confidence));
    }

    [Theory]
    [InlineData(3, "02031021")]
    [InlineData(4, "0203102132031021")]
    [InlineData(5, "02031021320310213202132031021320")]
    public void Bit_context_groups_match_the_reference(int level, string groups)
    {
        for (int j = 0; j < groups.Length; j++)
        {
            Assert.Equal(7 + (level - 3) * 4 + (groups[j] - '0'), TweedieDenoiser.BitContext(level, j));
        }
    }

    [Fact]
    public void Probability_and_shape_bins()
    {
        Assert.Equal(10, TweedieDenoiser.ProbabilityBin(0.5));
        Assert.Equal(0, TweedieDenoiser.ProbabilityBin(1e-12));
        Assert.Equal(19, TweedieDenoiser.ProbabilityBin(1 - 1e-12));
        Assert.Equal(0, TweedieDenoiser.ShapeBin(0.04));
        Assert.Equal(3, TweedieDenoiser.ShapeBin(0.4));
        Assert.Equal(0, TweedieDenoiser.OrderGroup(-1));
        Assert.Equal(1, TweedieDenoiser.OrderGroup(3));
        Assert.Equal(2, TweedieDenoiser.OrderGroup(4));
    }

    [Fact]
    public void A_fresh_table_leaves_a_distribution_as_it_is()
    {
        var probs = new double[256];
        for (int i = 0; i < 256; i++) probs[i] = (i + 1) / 32896.0;
        Distribution.ClampNormalize(probs);
        var before = (double[])probs.Clone();
        new TweedieDenoiser(3).Denoise(probs, 4, 300);
        Distribution.ClampNormalize(before); // each denoise step ends with clamp + normalise
        for (int i = 0; i < 256; i++) Assert.Equal(before[i], probs[i], 15);
    }

    [Fact]
    public void Simd_and_scalar_paths_agree_bit_for_bit()
    {
        var simd = new TweedieDenoiser(3);
        var scalar = new TweedieDenoiser(3) { UseSimd = false };
        var rng = new Random(42);
        var a = new double[256];
        var b = new double[256];
        for (int n = 0; n < 3000; n++)
        {
            int peak = rng.Next(256);
            for (int i = 0; i < 256; i++) a[i] = rng.NextDouble() * (i == peak ? 50 : 1) * (rng.Next(4) == 0 ? 1e-9 : 1);
            Distribution.ClampNormalize(a);
            a.CopyTo(b, 0);
            int order = rng.Next(-1, 5);
            double confidence = rng.Next(0, 20000);
            simd.Denoise(a, order, confidence);
            scalar.Denoise(b, order, confidence);
            for (int i = 0; i < 256; i++) Assert.Equal(BitConverter.DoubleToInt64Bits(b[i]), BitConverter.DoubleToInt64Bits(a[i]));
            byte symbol = (byte)(rng.Next(3) == 0 ? peak : rng.Next(256));
            simd.Update(symbol);
            scalar.Update(symbol);
        }
    }

    [Fact]
    public void Learning_moves_probability_towards_what_happens()
    {
        var denoiser = new TweedieDenoiser(3);
        var probs = new double[256];
        for (int n = 0; n < 2000; n++)
        {
            Array.Fill(probs, 1.0 / 256);
            denoiser.Denoise(probs, 2, 500);
            denoiser.Update(200); // always the same symbol, while the input claims uniform
        }
        Array.Fill(probs, 1.0 / 256);
        denoiser.Denoise(probs, 2, 500);
        Assert.True(probs[200] > 4.0 / 256, $"p(200) = {probs[200]}");
    }
}
