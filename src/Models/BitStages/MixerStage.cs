using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Midicoth.Models.BitStages;

/// <summary>
/// The learned mixer (<c>mixer:SELECT-RATE</c>): a logistic combination of the predictors' stretched
/// probabilities, p = squash(Σ wᵢ·xᵢ), trained online to reduce coding cost (wᵢ += xᵢ·err·rate). Weights are
/// 16.16 fixed point in one of several sets, chosen per bit by a small context (SELECT: 0 one set; 1 the bit
/// position; 2 the bits of the byte so far; 3 those and whether, and how long, a match expects the next bit).
/// The last input is a constant bias. Integer arithmetic: the same bytes everywhere.
/// <para>
/// The dot product and training are written twice on purpose: <see cref="Mix"/>/<see cref="Train"/> loop over a
/// run-time number of inputs (the run-time pipeline), and generated codecs unroll the same per-input arithmetic
/// (<see cref="Product"/>, <see cref="Adjust"/>) over their compile-time count.
/// </para>
/// </summary>
public struct MixerStage
{
    /// <summary>The bias input's constant value.</summary>
    public const int Bias = 256;

    private const int MaxWeight = (1 << 22) - 1;

    private readonly int[] _weights;
    private readonly int _inputs;
    private readonly int _select;
    private readonly int _rate;
    private int _row;
    private int _p;

    /// <param name="inputs">Inputs including the bias.</param>
    /// <param name="select">What chooses the weight set (see the type's summary).</param>
    /// <param name="rate">The learning rate.</param>
    public MixerStage(int inputs, int select, int rate)
    {
        StageCatalog.Mixer.Require(select, rate);
        _inputs = inputs;
        _select = select;
        _rate = rate;
        _weights = new int[Sets(select) * inputs];
        _weights.AsSpan().Fill(1 << 14);
    }

    public readonly long AllocatedBytes => _weights.Length * 4L;

    /// <summary>How many weight sets selector <paramref name="select"/> chooses among.</summary>
    public static int Sets(int select) => select switch { 0 => 1, 1 => 8, 2 => 256, _ => 256 * 4 };

    /// <summary>Chooses the weight set for the next bit and returns a reference to its first weight.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref int Row(in BitContext context) => ref RowOf(SetOf(_select, context), _inputs);

    /// <summary>The weight set selector <paramref name="select"/> picks for the next bit (generated codecs pass a constant).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SetOf(int select, in BitContext context) => select switch
    {
        0 => 0,
        1 => context.BitCount,
        2 => context.C0,
        _ => context.C0 * 4 + (!context.ExpectationHolds ? 0 : context.MatchLength < 16 ? 1 : context.MatchLength < 32 ? 2 : 3),
    };

    /// <summary>Chooses weight set <paramref name="set"/> of rows of <paramref name="inputs"/> weights (this mixer's count) and returns its first weight.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref int RowOf(int set, int inputs)
    {
        _row = set * inputs;
        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_weights), _row);
    }

    /// <summary>The reference to the first weight of the set chosen last.</summary>
    public readonly ref int CurrentRow => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_weights), _row);

    /// <summary>One term of the dot product.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Product(int input, int weight) => (long)input * weight;

    /// <summary>The mixed probability of a dot product; remembered for training.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Output(long dot)
    {
        long logit = dot >> 16;
        _p = Logistic.Squash((int)Math.Clamp(logit, -2047, 2047));
        return _p;
    }

    /// <summary>The training error of the last output for <paramref name="bit"/>, scaled by the rate.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly int Error(int bit) => ((bit << 12) - _p) * _rate;

    /// <summary>One weight after training on its input.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Adjust(int weight, int input, int error) => Math.Clamp(weight + ((input * error + (1 << 13)) >> 14), -MaxWeight, MaxWeight);

    /// <summary>Mixes <paramref name="inputs"/> (run-time count) with the set chosen for <paramref name="context"/>.</summary>
    public int Mix(ReadOnlySpan<int> inputs, in BitContext context)
    {
        ref int row = ref Row(context);
        long dot = 0;
        for (int i = 0; i < inputs.Length; i++) dot += Product(inputs[i], Unsafe.Add(ref row, i));
        return Output(dot);
    }

    /// <summary>Trains the set used last on <paramref name="bit"/>.</summary>
    public readonly void Train(ReadOnlySpan<int> inputs, int bit)
    {
        int error = Error(bit);
        ref int row = ref CurrentRow;
        for (int i = 0; i < inputs.Length; i++) Unsafe.Add(ref row, i) = Adjust(Unsafe.Add(ref row, i), inputs[i], error);
    }
}
