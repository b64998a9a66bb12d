namespace Midicoth.Models.Coders;

/// <summary>
/// The coding loop of every bit-wise codec: for each byte, for each bit from the highest, predict, code, learn.
/// Generic over the model, so that a generated struct model is compiled into it with no dispatch per bit; the
/// run-time pipeline is a class model driven by the same loop.
/// </summary>
public static class BitCoder
{
    public static byte[] Encode<TModel>(ref TModel model, ReadOnlySpan<byte> data, IProgress<long>? progress = null) where TModel : IBitModel
    {
        if (data.Length == 0) return [];
        var output = new ByteBuffer(data.Length / 3 + 64);
        var encoder = new BinaryEncoder(output);
        for (int i = 0; i < data.Length; i++)
        {
            int c = data[i];
            for (int k = 7; k >= 0; k--)
            {
                int bit = (c >> k) & 1;
                encoder.Encode(bit, model.Predict());
                model.Update(bit);
            }
            if ((i & (SymbolCoder.ProgressInterval - 1)) == SymbolCoder.ProgressInterval - 1) progress?.Report(i + 1);
        }
        encoder.Finish();
        return output.ToArray();
    }

    /// <summary>
    /// Decodes <paramref name="output"/>.Length bytes and checks that the payload had exactly the length the
    /// encoder would have written (<see cref="MidicothFormatException"/> otherwise).
    /// </summary>
    public static void Decode<TModel>(ref TModel model, byte[] payload, int offset, int count, Span<byte> output, IProgress<long>? progress = null)
        where TModel : IBitModel
    {
        if (SymbolCoder.NothingToDecode(payload, offset, count, output.Length)) return;
        var decoder = new BinaryDecoder(payload, offset, count);
        for (int i = 0; i < output.Length; i++)
        {
            int c = 0;
            for (int k = 0; k < 8; k++)
            {
                int bit = decoder.Decode(model.Predict());
                model.Update(bit);
                c = c * 2 + bit;
            }
            if (decoder.IsPastEnd) throw new MidicothFormatException("truncated input: the coded stream ends early");
            output[i] = (byte)c;
            if ((i & (SymbolCoder.ProgressInterval - 1)) == SymbolCoder.ProgressInterval - 1) progress?.Report(i + 1);
        }
        if (!decoder.AtEnd) throw new MidicothFormatException("corrupt input: the coded stream does not end where the content does");
    }
}
