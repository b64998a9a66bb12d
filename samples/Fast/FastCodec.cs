using Midicoth;
using Midicoth.Cli;
using static Midicoth.StageKind;

return new CliHost("mdg-fast", Midicoth.Samples.FastCodec.Instance).Run(args);

namespace Midicoth.Samples
{
    /// <summary>
    /// Bit-wise context mixing for everyday use: order 1-4 and 6 context maps, word contexts and a match model
    /// feed one learned mixer (weight sets by the bits so far and the match state), refined by an order-1 APM.
    /// </summary>
    [Compressor]
    [Stage(Context, Order = 1)]
    [Stage(Context, Order = 2)]
    [Stage(Context, Order = 3)]
    [Stage(Context, Order = 4)]
    [Stage(Context, Order = 6)]
    [Stage(Words)]
    [Stage(BitMatch)]
    [Stage(Mixer)]
    [Stage(Apm)]
    public partial class FastCodec
    {
    }
}
