namespace Midicoth.Models.BitStages;

/// <summary>
/// Adaptive probability map, or secondary estimation (<c>apm:ORDER-RATE</c>): refines the mixer's probability
/// by what was actually seen after such a probability in a small context (the bits of the byte so far, and the
/// last ORDER bytes: 0, 1, or 2 hashed to 16 bits). The probability's stretch picks two of 33 points
/// interpolated; both learn the bit, in proportion to their weight, at 2^-RATE. The output is (p + 3·refined) / 4.
/// </summary>
public struct ApmStage : IBitRefinement
{
    private readonly ushort[] _table;
    private readonly int _order;
    private readonly int _rate;
    private int _index;
    private int _weight;

    public ApmStage(int order, int rate)
    {
        StageCatalog.Apm.Require(order, rate);
        _order = order;
        _rate = rate;
        int contexts = order == 0 ? 256 : 65536;
        _table = new ushort[contexts * 33];
        for (int c = 0; c < contexts; c++)
        {
            for (int j = 0; j < 33; j++) _table[c * 33 + j] = (ushort)(Logistic.Squash((j - 16) * 128) * 16);
        }
    }

    public readonly long AllocatedBytes => _table.Length * 2L;

    public int Refine(int p, in BitContext context)
    {
        int c = _order switch
        {
            0 => context.C0,
            1 => context.C0 | (context.LastByte << 8),
            _ => (int)((((uint)(context.Last8 & 0xFFFF) * 0x9E3779B1u) >> 16) ^ (uint)context.C0) & 0xFFFF,
        };
        int s = Logistic.Stretch(p) + 2048;
        int low = s >> 7;
        _weight = s & 127;
        _index = c * 33 + low;
        int refined = (_table[_index] * (128 - _weight) + _table[_index + 1] * _weight) >> 11;
        return Math.Clamp((p + 3 * refined + 2) >> 2, 1, 4095);
    }

    public readonly void Update(int bit)
    {
        int target = bit << 16;
        ref ushort a = ref _table[_index];
        ref ushort b = ref _table[_index + 1];
        a = (ushort)Math.Clamp(a + ((((target - a) >> _rate) * (128 - _weight)) >> 7), 16, 65535 - 16);
        b = (ushort)Math.Clamp(b + ((((target - b) >> _rate) * _weight) >> 7), 16, 65535 - 16);
    }
}
