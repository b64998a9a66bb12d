using static Midicoth.StageKind;

namespace Midicoth.Samples
{
    /// <summary>
    /// Bit-wise context mixing for everyday use: context maps of orders 1, 2, 3 and 5 (order 1 in a 64 KiB table and
    /// order 2 in 1 MiB, about all they can fill: 4 MiB gained 16 bytes on the corpus), word contexts and a match
    /// model feed one learned mixer (weight sets chosen by the
    /// bits so far and the match state), refined by an order-1 APM. Chosen by measurement on the shared corpus
    /// against the cost of each stage (see the README's Fast section): orders 4 and 6 together gained 0.1% over
    /// order 5 alone at the cost of one more context per bit.
    /// </summary>
    [Compressor]
    [Stage(Deflate)] // zlib, gzip and zip streams inflated where they can be rebuilt bit for bit
    [Stage(X86)]     // x86 code's CALL and JMP targets made absolute where a region looks like code
    [Stage(Context, Order = 1, Bits = 16)]
    [Stage(Context, Order = 2, Bits = 20)]
    [Stage(Context, Order = 3)]
    [Stage(Context, Order = 5)]
    [Stage(Words)]
    [Stage(BitMatch)]
    [Stage(Mixer)]
    [Stage(Apm, Rate = 6)]
    public partial class FastCodec
    {
    }
}
