
namespace Midicoth.Tests;

public class CumulativeFrequenciesTests
{
    [Fact]
    public void Matches_the_reference_rounding_on_random_distributions()
    {
        var rng = new Random(5);
        var probs = new double[256];
        var cum = new uint[257];
        for (int n = 0; n < 500; n++)
        {
            for (int i = 0; i < 256; i++) probs[i] = rng.Next(3) == 0 ? 1e-10 : rng.NextDouble() * rng.NextDouble();
            Distribution.ClampNormalize(probs);
            uint total = CumulativeFrequencies.Build(probs, cum);
            uint running = 0;
            for (int i = 0; i < 256; i++)
            {
                long f = (long)(probs[i] * 16384.0 + 0.5);
                running += (uint)(f < 1 ? 1 : f);
                Assert.Equal(running, cum[i + 1]);
            }
            Assert.Equal(running, total);
            Assert.InRange(total, 16384u - 128, 16384u + 255);
        }
    }
}
