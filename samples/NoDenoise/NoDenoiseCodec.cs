using Midicoth;
using Midicoth.Cli;
using static Midicoth.StageKind;

return new CliHost("mdg-no-denoise", Midicoth.Samples.NoDenoiseCodec.Instance).Run(args);

namespace Midicoth.Samples
{
    /// <summary>Ablation step 4: every model, no denoiser.</summary>
    [Compressor]
    [Stage(Ppm, Order = 4)] [Stage(Match)] [Stage(Word)] [Stage(HighOrder)]
    public partial class NoDenoiseCodec
    {
    }
}
