using static Midicoth.StageKind;

namespace Midicoth.Samples
{
    /// <summary>
    /// The paper's byte-wise stack (PPM order 4 with PPM-C exclusion, match, word and high-order models, the
    /// Tweedie denoiser) fed through the bridge into Fast's mixer, beside Fast's own stages: the mixer learns where
    /// the stack's distribution helps. It runs at the stack's speed (~0.1 MB/s); the README gives its gain over
    /// Fast alone.
    /// </summary>
    [Compressor]
    [Stage(Ppm, Order = 4)]
    [Stage(Match)]
    [Stage(Word)]
    [Stage(HighOrder)]
    [Denoise(Steps = 3)]
    [Stage(Bridge)]
    [Stage(Context, Order = 1, Bits = 16)]
    [Stage(Context, Order = 2, Bits = 20)]
    [Stage(Context, Order = 3)]
    [Stage(Context, Order = 5)]
    [Stage(Words)]
    [Stage(BitMatch)]
    [Stage(Mixer)]
    [Stage(Apm, Rate = 6)]
    public partial class BridgeCodec
    {
    }
}
