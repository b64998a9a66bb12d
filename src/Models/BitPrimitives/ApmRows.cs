using System.Runtime.CompilerServices;

namespace Midicoth.Models.BitPrimitives;

/// <summary>
/// The rows of an adaptive probability map (<see cref="ApmStage"/>, and the JPEG model's refinements): per context a
/// row of 33 points over the stretched probability, 16 bits each, starting as the identity. A probability falls
/// between two points and reads their interpolation; both learn the bit, each as much as it weighed, at 2^-rate.
/// </summary>
public static class ApmRows
{
    /// <summary>Points a row.</summary>
    public const int Points = StageCatalog.ApmPoints;

    /// <summary>Sets every row of <paramref name="rows"/> to the identity: point j holds squash((j − 16) · 128), in 16 bits.</summary>
    public static void FillIdentity(Span<ushort> rows)
    {
        Span<ushort> first = rows[..Points];
        for (int j = 0; j < Points; j++) first[j] = (ushort)(Logistic.Squash((j - 16) * 128) * 16);
        for (int at = Points; at < rows.Length; at += Points) first.CopyTo(rows.Slice(at, Points));
    }

    /// <summary>Where 12-bit probability <paramref name="p"/> falls in a row: the first of its two points, and the second's weight (0..127 of 128).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int PointOf(int p, out int weight)
    {
        int s = Logistic.Stretch(p) + 2048;
        weight = s & 127;
        return s >> 7;
    }

    /// <summary>The 12-bit probability between point <paramref name="first"/> and the next, by <paramref name="weight"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Read(ref ushort first, int weight) => (first * (128 - weight) + Unsafe.Add(ref first, 1) * weight) >> 11;

    /// <summary>Point <paramref name="first"/> and the next learn <paramref name="bit"/> at 2^-<paramref name="rate"/>, each as much as it weighed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Learn(ref ushort first, int weight, int bit, int rate)
    {
        int target = bit << 16;
        ref ushort second = ref Unsafe.Add(ref first, 1);
        first = (ushort)Math.Clamp(first + ((((target - first) >> rate) * (128 - weight)) >> 7), 16, 65535 - 16);
        second = (ushort)Math.Clamp(second + ((((target - second) >> rate) * weight) >> 7), 16, 65535 - 16);
    }
}
