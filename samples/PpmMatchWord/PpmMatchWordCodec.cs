using Midicoth;
using Midicoth.Cli;
using static Midicoth.StageKind;

return new CliHost("mdg-ppm-match-word", Midicoth.Samples.PpmMatchWordCodec.Instance).Run(args);

namespace Midicoth.Samples
{
    /// <summary>Ablation step 3: PPM + match + word model.</summary>
    [Compressor]
    [Stage(Ppm, Order = 4)] [Stage(Match)] [Stage(Word)]
    public partial class PpmMatchWordCodec
    {
    }
}
