using Midicoth;
using Midicoth.Cli;
using static Midicoth.StageKind;

return new CliHost("mdg-ppm6", Midicoth.Samples.Ppm6Codec.Instance).Run(args);

namespace Midicoth.Samples
{
    /// <summary>A variant the paper did not try: PPM to order 6, high-order contexts 7-10.</summary>
    [Compressor]
    [Stage(Ppm, Order = 6)] [Stage(Match)] [Stage(Word)] [Stage(HighOrder, MinOrder = 7, MaxOrder = 10)] [Denoise(Steps = 3)]
    public partial class Ppm6Codec
    {
    }
}
