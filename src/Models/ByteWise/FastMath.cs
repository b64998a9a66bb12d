using System.Runtime.CompilerServices;

namespace Midicoth.Models.ByteWise;

/// <summary>
/// The reference's <c>fast_log</c>: a truncated Taylor series on the mantissa plus the exponent times ln 2.
/// It is not monotonic and is off by up to 0.09; bins derived from it depend on exactly this evaluation,
/// including the four Horner steps and the final multiply-add that the reference's compiler fused (site F1).
/// Never substitute a real logarithm.
/// </summary>
public static class FastMath
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double FastLog(double x)
    {
        ulong u = (ulong)BitConverter.DoubleToInt64Bits(x);
        long exponent = (long)((u >> 52) & 0x7FF) - 1023;
        double m = BitConverter.Int64BitsToDouble((long)((u & 0x000FFFFFFFFFFFFFUL) | 0x3FF0000000000000UL));
        double t = m - 1.0;
        double q1 = Math.FusedMultiplyAdd(t, 0.2, -0.25);
        double q2 = Math.FusedMultiplyAdd(t, q1, 0.333333333);
        double q3 = Math.FusedMultiplyAdd(t, q2, -0.5);
        double q4 = Math.FusedMultiplyAdd(q3, t, 1.0);
        double e = exponent * 0.6931471805599453;
        return Math.FusedMultiplyAdd(t, q4, e);
    }
}
