using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Midicoth.Models.Mixing;

/// <summary>
/// The learned mixer (<c>mixer:SELECT-RATE</c>): a logistic combination of the predictors' stretched
/// probabilities, p = squash(Σ wᵢ·xᵢ), trained online to reduce coding cost (wᵢ += xᵢ·err·rate, the rate falling
/// from 4·RATE to RATE as it learns: <see cref="FallingRate"/>). Weights are 16.16 fixed point in one of several
/// sets, chosen per bit by a small context (SELECT: 0 one set; 1 the bit position; 2 the bits of the byte so far; 3
/// those and whether, and how long, a match expects the next bit).
/// The last input is a constant bias. Integer arithmetic: the same bytes everywhere.
/// <para>
/// The dot product and the training go eight inputs at a time with SIMD (<see cref="DotBlocks"/>,
/// <see cref="AdjustBlocks"/>) and one at a time for the rest (<see cref="Product"/>, <see cref="Adjust"/>), with
/// the same integer results with or without SIMD. <see cref="BitStep{TPredictors, TMixer, TRefinements}"/> calls
/// <see cref="Mix"/> and <see cref="Train"/> with its inputs, whose count is a constant in generated codecs (so the
/// block count folds and the dot product's tail is straight-line code) and a run-time value in the pipeline.
/// </para>
/// </summary>
public struct MixerStage : IBitMixer
{
    /// <summary>The bias input's constant value (the step's: <see cref="IBitMixer.Bias"/>).</summary>
    public const int Bias = IBitMixer.Bias;

    private const int MaxWeight = (1 << 22) - 1;

    private readonly int[] _weights;
    private readonly int _select;
    private FallingRate _rate;
    private int _row;
    private int _p;

    /// <param name="inputs">Inputs including the bias.</param>
    /// <param name="select">What chooses the weight set (see the type's summary).</param>
    /// <param name="rate">The learning rate where it settles (it starts at four times that: <see cref="FallingRate"/>).</param>
    public MixerStage(int inputs, int select, int rate)
    {
        StageCatalog.Mixer.Require(select, rate);
        _select = select;
        _rate = new FallingRate(rate);
        _weights = new int[StageCatalog.MixerSets(select) * inputs];
        _weights.AsSpan().Fill(1 << 14);
    }

    public readonly long AllocatedBytes => _weights.Length * 4L;

    /// <inheritdoc/>
    public readonly bool ReadsKnown => false;

    /// <summary>The weight set selector <paramref name="select"/> picks for the next bit.</summary>
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
    private ref int RowOf(int set, int inputs)
    {
        _row = set * inputs;
        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_weights), _row);
    }

    /// <summary>The reference to the first weight of the set chosen last.</summary>
    private readonly ref int CurrentRow => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_weights), _row);

    /// <summary>One term of the dot product.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Product(int input, int weight) => (long)input * weight;

    /// <summary>The mixed probability of a dot product; remembered for training.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Output(long dot)
    {
        _p = ProbabilityOf(dot);
        return _p;
    }

    /// <summary>The 12-bit probability a dot product of 16.16 weights gives: squash of its integer part (which Squash keeps within ±2047).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ProbabilityOf(long dot) => Logistic.Squash((int)(dot >> 16));   // fits: |inputs| ≤ 2047, |weights| < 2^22, at most MaxMixerInputs of them

    /// <summary>The training error of the last output for <paramref name="bit"/>, scaled by the rate.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly int Error(int bit) => _rate.Scale((bit << 12) - _p);

    /// <summary>One weight after training on its input.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Adjust(int weight, int input, int error) => Math.Clamp(weight + ((input * error + (1 << 13)) >> 14), -MaxWeight, MaxWeight);

    /// <summary>Σ inputᵢ·weightᵢ over <paramref name="count"/> pairs, in 64 bits: <see cref="DotBlocks"/> and a scalar tail.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Dot(ref int inputs, ref int weights, int count) =>
        DotBlocks(ref inputs, ref weights, count >> 3) + DotTail(ref inputs, ref weights, count);

    /// <summary>
    /// Σ inputᵢ·weightᵢ over <paramref name="blocks"/> blocks of eight, in 64 bits. With AVX2, four products at a
    /// time (32×32→64-bit multiplies of the even and the odd lanes): integer sums, so the same value either way.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long DotBlocks(ref int inputs, ref int weights, int blocks)
    {
        if (blocks == 0) return 0;
        if (!Avx2.IsSupported) return DotScalar(ref inputs, ref weights, 0, blocks * 8);
        Vector256<long> sum = Vector256<long>.Zero;
        for (int b = 0; b < blocks; b++)
        {
            Vector256<int> x = Vector256.LoadUnsafe(ref inputs, (nuint)(b * 8));
            Vector256<int> w = Vector256.LoadUnsafe(ref weights, (nuint)(b * 8));
            sum += Avx2.Multiply(x, w);
            sum += Avx2.Multiply(Avx2.ShiftRightLogical(x.AsInt64(), 32).AsInt32(), Avx2.ShiftRightLogical(w.AsInt64(), 32).AsInt32());
        }
        return Vector256.Sum(sum);
    }

    /// <summary>Trains <paramref name="count"/> weights on their inputs: <see cref="AdjustBlocks"/> and a scalar tail.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AdjustAll(ref int weights, ref int inputs, int count, int error)
    {
        AdjustBlocks(ref weights, ref inputs, count >> 3, error);
        AdjustScalar(ref weights, ref inputs, count & ~7, count, error);
    }

    /// <summary>
    /// Trains <paramref name="blocks"/> blocks of eight weights (<see cref="Adjust"/> each). With SIMD, eight at a
    /// time in 32-bit lanes: |input·error| stays below 2^29 (inputs ±2047, errors ±4095·32), so the lanes compute
    /// exactly what <see cref="Adjust"/> does.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AdjustBlocks(ref int weights, ref int inputs, int blocks, int error)
    {
        if (blocks == 0) return;
        if (!Vector256.IsHardwareAccelerated)
        {
            AdjustScalar(ref weights, ref inputs, 0, blocks * 8, error);
            return;
        }
        Vector256<int> e = Vector256.Create(error), half = Vector256.Create(1 << 13);
        Vector256<int> low = Vector256.Create(-MaxWeight), high = Vector256.Create(MaxWeight);
        for (int b = 0; b < blocks; b++)
        {
            Vector256<int> x = Vector256.LoadUnsafe(ref inputs, (nuint)(b * 8));
            Vector256<int> w = Vector256.LoadUnsafe(ref weights, (nuint)(b * 8));
            w = Vector256.Min(Vector256.Max(w + Vector256.ShiftRightArithmetic(x * e + half, 14), low), high);
            w.StoreUnsafe(ref weights, (nuint)(b * 8));
        }
    }

    /// <summary>
    /// Σ <see cref="Product"/> over the inputs after the last whole block of eight (at most seven), spelled out one by
    /// one: with a constant <paramref name="count"/> (generated codecs) the conditions fold away and no loop is left;
    /// with a run-time count, they cost what a loop's would (nested: a tail of one is two comparisons).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long DotTail(ref int inputs, ref int weights, int count)
    {
        int from = count & ~7, rest = count & 7;
        ref int x = ref Unsafe.Add(ref inputs, from);
        ref int w = ref Unsafe.Add(ref weights, from);
        long dot = 0;
        if (rest > 0)
        {
            dot += Product(x, w);
            if (rest > 1)
            {
                dot += Product(Unsafe.Add(ref x, 1), Unsafe.Add(ref w, 1));
                if (rest > 2)
                {
                    dot += Product(Unsafe.Add(ref x, 2), Unsafe.Add(ref w, 2));
                    if (rest > 3)
                    {
                        dot += Product(Unsafe.Add(ref x, 3), Unsafe.Add(ref w, 3));
                        if (rest > 4)
                        {
                            dot += Product(Unsafe.Add(ref x, 4), Unsafe.Add(ref w, 4));
                            if (rest > 5)
                            {
                                dot += Product(Unsafe.Add(ref x, 5), Unsafe.Add(ref w, 5));
                                if (rest > 6) dot += Product(Unsafe.Add(ref x, 6), Unsafe.Add(ref w, 6));
                            }
                        }
                    }
                }
            }
        }
        return dot;
    }

    /// <summary>Σ <see cref="Product"/> over inputs <paramref name="from"/> .. <paramref name="to"/> − 1, one at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long DotScalar(ref int inputs, ref int weights, int from, int to)
    {
        long dot = 0;
        for (int i = from; i < to; i++) dot += Product(Unsafe.Add(ref inputs, i), Unsafe.Add(ref weights, i));
        return dot;
    }

    /// <summary><see cref="Adjust"/> on weights <paramref name="from"/> .. <paramref name="to"/> − 1, one at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AdjustScalar(ref int weights, ref int inputs, int from, int to, int error)
    {
        for (int i = from; i < to; i++) Unsafe.Add(ref weights, i) = Adjust(Unsafe.Add(ref weights, i), Unsafe.Add(ref inputs, i), error);
    }

    /// <summary>Mixes <paramref name="inputs"/> with the set chosen for <paramref name="context"/> (their count is a constant in generated codecs).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Mix(ReadOnlySpan<int> inputs, in BitContext context)
    {
        ref int row = ref RowOf(SetOf(_select, context), inputs.Length);
        return Output(Dot(ref MemoryMarshal.GetReference(inputs), ref row, inputs.Length));
    }

    /// <summary>Trains the set used last on <paramref name="bit"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Train(ReadOnlySpan<int> inputs, int bit)
    {
        _rate.Count();
        AdjustAll(ref CurrentRow, ref MemoryMarshal.GetReference(inputs), inputs.Length, Error(bit));
    }
}
