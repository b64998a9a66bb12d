
namespace Midicoth.Tests;

public class FastMathTests
{
    [Fact]
    public void Powers_of_two_give_exponent_times_ln2()
    {
        Assert.Equal(0.6931471805599453, FastMath.FastLog(2.0));
        Assert.Equal(0.0, FastMath.FastLog(1.0));
        Assert.Equal(-3 * 0.6931471805599453, FastMath.FastLog(0.125));
    }

    [Fact]
    public void Is_the_truncated_series_not_a_real_logarithm()
    {
        // Just below 2 the series overshoots: fast_log(2 - eps) ~ 0.7833 > fast_log(2).
        double below = FastMath.FastLog(BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(2.0) - 1));
        Assert.InRange(below, 0.78, 0.79);
        Assert.True(below > FastMath.FastLog(2.0));
    }
}
