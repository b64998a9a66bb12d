
namespace Midicoth.Tests;

/// <summary>
/// The fused passes must give exactly the bits of the reference's idiom written out one operation at a time:
/// clamp each entry, add in index order, multiply by the reciprocal.
/// </summary>
public class DistributionTests
{
    private static double[] RandomDistribution(Random rng, int length)
    {
        var p = new double[length];
        for (int i = 0; i < length; i++)
        {
            p[i] = rng.Next(4) switch { 0 => 1e-12, 1 => 0.0, _ => rng.NextDouble() * rng.NextDouble() };
        }
        return p;
    }

    [Theory]
    [InlineData(256)]
    [InlineData(255)]
    [InlineData(7)]
    public void ScaleClampSum_is_the_scalar_idiom(int length)
    {
        var rng = new Random(length);
        for (int n = 0; n < 200; n++)
        {
            double[] p = RandomDistribution(rng, length);
            double factor = n % 3 == 0 ? 1.0 : rng.NextDouble() * 3;
            double start = n % 2 == 0 ? 0.0 : rng.NextDouble();
            var expected = (double[])p.Clone();
            double expectedSum = start;
            for (int i = 0; i < length; i++)
            {
                double v = expected[i] * factor;
                if (v < Distribution.Floor) v = Distribution.Floor;
                expected[i] = v;
                expectedSum += v;
            }

            double sum = Distribution.ScaleClampSum(p, factor, start);

            Assert.Equal(BitConverter.DoubleToInt64Bits(expectedSum), BitConverter.DoubleToInt64Bits(sum));
            Assert.Equal(expected, p);
        }
    }

    [Fact]
    public void FusedMixClampSum_is_the_scalar_idiom_with_one_fused_multiply_add()
    {
        var rng = new Random(3);
        for (int n = 0; n < 200; n++)
        {
            double[] p = RandomDistribution(rng, 256);
            double[] q = RandomDistribution(rng, 256);
            double w = rng.NextDouble() * 0.6;
            var expected = (double[])p.Clone();
            double expectedSum = 0.0;
            for (int i = 0; i < 256; i++)
            {
                double v = Math.FusedMultiplyAdd(expected[i], 1.0 - w, q[i] * w);
                if (v < Distribution.Floor) v = Distribution.Floor;
                expected[i] = v;
                expectedSum += v;
            }

            double sum = Distribution.FusedMixClampSum(p, q, 1.0 - w, w);

            Assert.Equal(BitConverter.DoubleToInt64Bits(expectedSum), BitConverter.DoubleToInt64Bits(sum));
            Assert.Equal(expected, p);
        }
    }

    [Fact]
    public void ClampNormalize_multiplies_by_the_reciprocal_of_the_sequential_sum()
    {
        var rng = new Random(9);
        for (int n = 0; n < 200; n++)
        {
            double[] p = RandomDistribution(rng, 256);
            var expected = (double[])p.Clone();
            double sum = 0.0;
            for (int i = 0; i < 256; i++)
            {
                if (expected[i] < Distribution.Floor) expected[i] = Distribution.Floor;
                sum += expected[i];
            }
            double inv = 1.0 / sum;
            for (int i = 0; i < 256; i++) expected[i] *= inv;

            Distribution.ClampNormalize(p);

            Assert.Equal(expected, p);
        }
    }
}
