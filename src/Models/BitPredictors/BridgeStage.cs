using System.Runtime.CompilerServices;

namespace Midicoth.Models.BitPredictors;

/// <summary>
/// The bridge (<c>bridge</c>): a byte-wise stack (the stages declared before it: PPM, blends, denoiser, as in the
/// paper) becomes one input of the learned mixer. At each byte's start the stack predicts its 256-way
/// distribution (as cumulative coder frequencies); for each bit, the probability of a 1 is the share of the
/// symbols under the current node of the byte's binary tree whose next bit is 1: (F[hi] − F[mid]) / (F[hi] − F[lo])
/// from the partial sums. After the byte, the stack learns it. So the mixer can take the stack's strength where it
/// pays and weigh it down where it does not. The stack sees the block's bytes so far, kept here.
/// <para>
/// Integer arithmetic from the stack's frequencies on (which the byte-wise family already makes identical on every
/// machine). Generated codecs instantiate it over their concrete step struct; the run-time pipeline over the
/// role interfaces.
/// </para>
/// </summary>
public struct BridgeStage<TStep> : IBitPredictor where TStep : ISymbolModel
{
    public const int Inputs = StageCatalog.BridgeInputs;

    private TStep _step;
    private readonly byte[] _history;
    private int _length;

    /// <param name="step">The byte-wise stack, which the bridge owns from now on.</param>
    /// <param name="inputLength">The block's length: the history the stack will see.</param>
    public BridgeStage(TStep step, long inputLength)
    {
        if (inputLength < 0 || inputLength > Array.MaxLength) throw new ArgumentOutOfRangeException(nameof(inputLength));
        _step = step;
        _history = new byte[inputLength];
        _length = 0;
    }

    public readonly int InputCount => Inputs;

    /// <summary>The history buffer (the stack's own tables grow with the input, as in byte-wise topologies).</summary>
    public readonly long AllocatedBytes => _history.Length;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Predict(ref BitContext context, ref int inputs)
    {
        if (context.BitCount == 0) _step.Predict(new ReadOnlySpan<byte>(_history, 0, _length));
        inputs = Logistic.Stretch(ProbabilityOfOne(_step.Cumulative, context.C0, context.BitCount));
    }

    /// <summary>
    /// The 12-bit probability (1..4095) that the next bit is 1 under node <paramref name="c0"/> (the byte's
    /// <paramref name="bitCount"/> bits so far behind a leading 1), from cumulative frequencies of 257 entries.
    /// </summary>
    public static int ProbabilityOfOne(ReadOnlySpan<uint> cumulative, int c0, int bitCount)
    {
        int width = 256 >> bitCount;
        int low = (c0 - (1 << bitCount)) * width;
        uint all = cumulative[low + width] - cumulative[low];
        uint ones = cumulative[low + width] - cumulative[low + width / 2];
        if (all == 0) return 2048;
        int p = (int)(((ulong)ones * 4096 + all / 2) / all);
        return Math.Clamp(p, 1, 4095);
    }

    public readonly void Update(ref BitContext context, int bit)
    {
    }

    public void EndByte(ref BitContext context)
    {
        byte symbol = (byte)context.LastByte;
        _step.Update(new ReadOnlySpan<byte>(_history, 0, _length), symbol);
        if (_length < _history.Length) _history[_length++] = symbol;
    }
}
