namespace Midicoth.Models.BitPrimitives;

/// <summary>
/// Bit histories: one byte that summarises the bits seen in a context as a pair of counts (n0, n1) and, while
/// both are small, the last bit. The machine is nonstationary: a bit increments its own count and discounts the
/// other one (a count above 1 becomes n/2 + 1), and each count is capped by how large the other is (48 when the
/// other is 0, down to 3), so that a context that changes its mind is believed again quickly. State 0 is "never
/// seen". The 207 states and their transitions are generated here from those rules, in integers.
/// </summary>
public static class BitHistory
{
    private static readonly int[] Caps = [48, 24, 12, 7, 5, 4, 3];

    /// <summary>The number of states (at most 256, so that a state is a byte).</summary>
    public static int Count { get; }

    /// <summary>[state * 2 + bit]: the state after seeing <c>bit</c>.</summary>
    internal static readonly byte[] Next;

    /// <summary>[state]: n0 + n1, the confidence a slot's replacement policy weighs.</summary>
    internal static readonly byte[] Total;

    /// <summary>[state]: the probability of a 1 its counts suggest, (n1 + 0.5) / (n0 + n1 + 1), in 22 bits.</summary>
    internal static readonly uint[] Prior;

    static BitHistory()
    {
        var index = new Dictionary<(int N0, int N1, int Last), int> { [(0, 0, 0)] = 0 };
        var order = new List<(int N0, int N1, int Last)> { (0, 0, 0) };
        var next = new List<int>();
        for (int s = 0; s < order.Count; s++)
        {
            for (int bit = 0; bit < 2; bit++)
            {
                var target = Step(order[s], bit);
                if (!index.TryGetValue(target, out int t))
                {
                    t = order.Count;
                    index[target] = t;
                    order.Add(target);
                }
                next.Add(t);
            }
        }
        if (order.Count > 256) throw new InvalidOperationException("bit history needs more than a byte");
        Count = order.Count;
        Next = next.Select(t => (byte)t).ToArray();
        Total = order.Select(s => (byte)(s.N0 + s.N1)).ToArray();
        Prior = order.Select(s => (uint)(((2L * s.N1 + 1) << 22) / (2 * (s.N0 + s.N1) + 2))).ToArray();
    }

    /// <summary>The state after <paramref name="bit"/> in state <paramref name="state"/>.</summary>
    public static int Update(int state, int bit) => Next[state * 2 + bit];

    private static (int, int, int) Step((int N0, int N1, int Last) s, int bit)
    {
        int mine = bit == 0 ? s.N0 : s.N1, other = bit == 0 ? s.N1 : s.N0;
        if (other > 1) other = other / 2 + 1;
        mine = Math.Min(mine + 1, Cap(other));
        other = Math.Min(other, Cap(mine));
        int n0 = bit == 0 ? mine : other, n1 = bit == 0 ? other : mine;
        int last = n0 > 0 && n1 > 0 && n0 + n1 <= 9 ? bit : 0;
        return (n0, n1, last);
    }

    private static int Cap(int other) => Caps[Math.Min(other, Caps.Length - 1)];
}
