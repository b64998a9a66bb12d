using Midicoth;
using static Midicoth.StageKind;

namespace Midicoth.Samples;

/// <summary>The compressor of the Midicoth paper (Tacconelli, 2026), byte-exact with the reference tool.</summary>
[Compressor]
[Stage(Ppm, Order = 4)]
[Stage(Match)]
[Stage(Word)]
[Stage(HighOrder)]
[Denoise(Steps = 3)]
public partial class MidicothCodec
{
}
