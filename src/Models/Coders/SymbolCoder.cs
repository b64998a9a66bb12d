namespace Midicoth.Models.Coders;

/// <summary>
/// The coding loop shared by every codec: for each byte, predict, code, update. Generic over the model so that a
/// generated struct model is specialised by the JIT (no dispatch per byte). The history is the input (encoding)
/// or the output written so far (decoding): no model keeps a copy.
/// </summary>
public static class SymbolCoder
{
    /// <summary>How often <c>progress</c> hears how far the coder is, in bytes.</summary>
    public const int ProgressInterval = 1 << 16;

    /// <summary>
    /// Codes <paramref name="data"/> and returns the coder's bytes (empty for empty input).
    /// <paramref name="progress"/> hears the bytes coded so far every <see cref="ProgressInterval"/> bytes.
    /// </summary>
    public static byte[] Encode<TModel>(ref TModel model, ReadOnlySpan<byte> data, IProgress<long>? progress = null) where TModel : ISymbolModel
    {
        if (data.Length == 0) return [];
        var output = new ByteBuffer(data.Length / 3 + 64);
        var encoder = new ArithmeticEncoder(output);
        for (int i = 0; i < data.Length; i++)
        {
            ReadOnlySpan<byte> history = data[..i];
            model.Predict(history);
            encoder.Encode(model.Cumulative, data[i], model.Total);
            model.Update(history, data[i]);
            if ((i & (ProgressInterval - 1)) == ProgressInterval - 1) progress?.Report(i + 1);
        }
        encoder.Finish();
        return output.ToArray();
    }

    /// <summary>
    /// Decodes <paramref name="output"/>.Length bytes from <paramref name="count"/> payload bytes, and checks that
    /// the payload has exactly the length the encoder would have written.
    /// </summary>
    public static void Decode<TModel>(ref TModel model, byte[] payload, int offset, int count, Span<byte> output, IProgress<long>? progress = null)
        where TModel : ISymbolModel
    {
        if (NothingToDecode(payload, offset, count, output.Length)) return;
        var decoder = new ArithmeticDecoder(payload, offset, count);
        for (int i = 0; i < output.Length; i++)
        {
            ReadOnlySpan<byte> history = output[..i];
            model.Predict(history);
            byte symbol = (byte)decoder.Decode(model.Cumulative, model.Total);
            if (decoder.IsPastEnd) throw new MidicothFormatException("truncated input: the coded stream ends early");
            output[i] = symbol;
            model.Update(history, symbol);
            if ((i & (ProgressInterval - 1)) == ProgressInterval - 1) progress?.Report(i + 1);
        }
        decoder.VerifyEnd(count);
    }

    /// <summary>
    /// The checks every decoder makes first: the range lies in <paramref name="payload"/>; empty content has an
    /// empty payload (and then there is nothing to decode: true).
    /// </summary>
    internal static bool NothingToDecode(byte[] payload, int offset, int count, int outputLength)
    {
        if ((uint)offset > (uint)payload.Length || (uint)count > (uint)(payload.Length - offset))
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }
        if (outputLength != 0) return false;
        if (count != 0) throw new MidicothFormatException("corrupt input: payload present for empty content");
        return true;
    }
}
