using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Midicoth.Models.Coders;

/// <summary>
/// Probabilities to the coder's integer frequencies: f = trunc(p·16384 + 0.5), at least 1, accumulated.
/// The total stays below 2^15, so the 32-bit coder never runs out of range. The conversion is element-wise
/// (vectorised where AVX is available: the same multiply, add and truncation per element); the running total is
/// integer, so its order does not matter.
/// </summary>
public static class CumulativeFrequencies
{
    public const double Scale = 16384.0;

    /// <summary>Fills <paramref name="cum"/> (257 entries, cum[0] = 0) and returns the total cum[256].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Build(ReadOnlySpan<double> probs, Span<uint> cum)
    {
        cum = cum[..(probs.Length + 1)];
        cum[0] = 0;
        int i = 0;
        uint running = 0;
        if (Avx.IsSupported && Sse41.IsSupported)
        {
            ref double p = ref MemoryMarshal.GetReference(probs);
            ref uint c = ref MemoryMarshal.GetReference(cum);
            var scale = Vector256.Create(Scale);
            var half = Vector256.Create(0.5);
            var one = Vector128.Create(1);
            var total = Vector128<int>.Zero; // the running total in every lane
            for (; i <= probs.Length - 4; i += 4)
            {
                // p ≤ 1, so p·16384 + 0.5 fits an int32 and truncation matches the scalar (long) cast.
                Vector128<int> f = Sse41.Max(Avx.ConvertToVector128Int32WithTruncation(Avx.Add(Avx.Multiply(Vector256.LoadUnsafe(ref p, (nuint)i), scale), half)), one);
                // Prefix sum of the four lanes (integers: any order gives the same result).
                f = Sse2.Add(f, Sse2.ShiftLeftLogical128BitLane(f, 4));
                f = Sse2.Add(f, Sse2.ShiftLeftLogical128BitLane(f, 8));
                f = Sse2.Add(f, total);
                f.AsUInt32().StoreUnsafe(ref c, (nuint)(i + 1));
                total = Sse2.Shuffle(f, 0b11_11_11_11);
            }
            running = (uint)total.ToScalar();
        }
        for (; i < probs.Length; i++)
        {
            // The product by a power of two is exact, so p*16384 + 0.5 needs no fused form.
            uint f = (uint)(long)(probs[i] * Scale + 0.5);
            if (f < 1) f = 1;
            running += f;
            cum[i + 1] = running;
        }
        return running;
    }
}
