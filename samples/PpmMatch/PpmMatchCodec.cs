using Midicoth;
using Midicoth.Cli;
using static Midicoth.StageKind;

return new CliHost("mdg-ppm-match", Midicoth.Samples.PpmMatchCodec.Instance).Run(args);

namespace Midicoth.Samples
{
    /// <summary>Ablation step 2: PPM + match model.</summary>
    [Compressor]
    [Stage(Ppm, Order = 4)] [Stage(Match)]
    public partial class PpmMatchCodec
    {
    }
}
