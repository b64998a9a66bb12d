using Midicoth;
using Midicoth.Cli;
using static Midicoth.StageKind;

return new CliHost("mdg-ppm", Midicoth.Samples.PpmOnlyCodec.Instance).Run(args);

namespace Midicoth.Samples
{
    /// <summary>Ablation step 1: PPM orders 0-4 alone.</summary>
    [Compressor]
    [Stage(Ppm, Order = 4)]
    public partial class PpmOnlyCodec
    {
    }
}
