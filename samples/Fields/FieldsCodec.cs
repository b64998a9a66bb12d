using static Midicoth.StageKind;

namespace Midicoth.Samples
{
    /// <summary>
    /// Fast's stages plus <see cref="FieldStage"/>, our own stage for delimited lines (tables, logs), declared with
    /// <c>[Stage&lt;T&gt;]</c> beside the built-in ones and compiled into the same loop.
    /// </summary>
    [Compressor]
    [Stage(Context, Order = 1, Bits = 16)]
    [Stage(Context, Order = 2, Bits = 20)]
    [Stage(Context, Order = 3)]
    [Stage(Context, Order = 5)]
    [Stage(Words)]
    [Stage(BitMatch)]
    [Stage<FieldStage>]
    [Stage(Mixer)]
    [Stage(Apm, Rate = 6)]
    public partial class FieldsCodec
    {
    }
}
