using static Midicoth.StageKind;

namespace Midicoth.Samples
{
    /// <summary>
    /// Bit-wise context mixing for ratio, at a fifth of Fast's speed: a JPEG model (silent outside baseline JPEG images),
    /// direct orders 1-2 and hashed orders 3, 4, 5, 6,
    /// 8, 12 and 16; word and text contexts; sparse contexts (single bytes and pairs past the latest ones); indirect
    /// contexts; a record model and line columns (the line above, the line so far); the match model; a two-layer mixer over six weight-set selectors; three APMs.
    /// </summary>
    [Compressor]
    [Stage(Deflate)] // zlib, gzip and zip streams inflated where they can be rebuilt bit for bit
    [Stage(X86)]     // x86 code's CALL and JMP targets made absolute where a region looks like code
    [Stage(Jpeg, Bits = 24)]
    [Stage(Direct, Order = 1)]
    [Stage(Direct, Order = 2)]
    [Stage(Context, Order = 3, Bits = 24)]
    [Stage(Context, Order = 4, Bits = 24)]
    [Stage(Context, Order = 5, Bits = 24)]
    [Stage(Context, Order = 6, Bits = 24)]
    [Stage(Context, Order = 8, Bits = 24)]
    [Stage(Context, Order = 12, Bits = 24)]
    [Stage(Context, Order = 16, Bits = 24)]
    [Stage(Words, Bits = 24)]
    [Stage(Text, Bits = 23)]
    [Stage(BitMatch, Bits = 24)]
    [Stage(Records)]
    [Stage(Columns)]
    [Stage(Sparse, Skip = 1, Order = 1)]
    [Stage(Sparse, Skip = 2, Order = 1)]
    [Stage(Sparse, Skip = 3, Order = 1)]
    [Stage(Sparse, Skip = 1, Order = 2)]
    [Stage(Sparse, Skip = 2, Order = 2)]
    [Stage(Indirect, Order = 1)]
    [Stage(Indirect, Order = 2)]
    [Stage(Mixer2, Sets = 6)]
    [Stage(Apm, Order = 1, Rate = 6)]
    [Stage(Apm, Order = 2, Rate = 6)]
    [Stage(Apm, Order = 3, Rate = 6)]
    public partial class MaxCodec
    {
    }
}
