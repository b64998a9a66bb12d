using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Midicoth.Models.BitWise;

/// <summary>
/// The per-bit step of every bit-wise topology, written once. For each bit, knowing the bits before it:
/// <code>
///   Predict   every predictor writes its mixer inputs (stretched probabilities); the bias is the last input
///   Mix       the mixer turns the inputs into one 12-bit probability of a 1
///   Refine    each refinement (APM/SSE) corrects it, in order
///   Code      the binary coder codes the bit with it (BitCoder)
///   Learn     the mixer, the refinements, then the predictors learn the bit
///   End byte  after a byte's eighth bit, every predictor sees the byte (computes its next contexts)
/// </code>
/// <para>Generic over the stages, so one definition serves every path: a generated codec instantiates it with its
/// concrete structs, the predictors a compile-time tree of <see cref="PredictorPair{TFirst, TSecond}"/> and the
/// refinements of <see cref="RefinementPair{TFirst, TSecond}"/>, which the JIT and Native AOT compile into
/// straight-line code with no interface call per bit and the input count a constant; the run-time
/// <see cref="BitPipeline"/> instantiates it with <see cref="PredictorList"/>, the <see cref="IBitMixer"/>
/// interface and <see cref="RefinementList"/>, which call through the role interfaces. Tests drive it directly.</para>
/// </summary>
public struct BitStep<TPredictors, TMixer, TRefinements> : IBitModel
    where TPredictors : IBitPredictor
    where TMixer : IBitMixer
    where TRefinements : IBitRefinement
{
    private BitContext _context;
    private TPredictors _predictors;
    private TMixer _mixer;
    private TRefinements _refinements;
    private readonly int[] _inputs;

    /// <summary>
    /// A step over the given stages, which it owns from now on. The mixer must have been made for
    /// <paramref name="predictors"/>' inputs and the bias (<see cref="InputCount"/>).
    /// </summary>
    public BitStep(TPredictors predictors, TMixer mixer, TRefinements refinements)
    {
        _predictors = predictors;
        _mixer = mixer;
        _refinements = refinements;
        _inputs = new int[predictors.InputCount + 1];
        _inputs[^1] = IBitMixer.Bias;
        _context = BitContext.Start;
        _context.CountKnown = mixer.ReadsKnown;
    }

    /// <summary>The mixer's inputs: every predictor's, then the bias (a constant when the predictors' types are concrete).</summary>
    /// <remarks>Not readonly: in a readonly member, the compiler copies a field of a type parameter before each call on it.</remarks>
    public int InputCount
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _predictors.InputCount + 1;
    }

    /// <summary>Bytes held by the stages' tables and the inputs.</summary>
    public readonly long AllocatedBytes => _predictors.AllocatedBytes + _mixer.AllocatedBytes + _refinements.AllocatedBytes + _inputs.Length * 4L;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Predict()
    {
        ref int inputs = ref MemoryMarshal.GetArrayDataReference(_inputs);
        _predictors.Predict(ref _context, ref inputs);
        int p = _mixer.Mix(MemoryMarshal.CreateReadOnlySpan(ref inputs, InputCount), in _context);
        return _refinements.Refine(p, in _context);
    }

    /// <inheritdoc/>
    public void Update(int bit)
    {
        _mixer.Train(MemoryMarshal.CreateReadOnlySpan(ref MemoryMarshal.GetArrayDataReference(_inputs), InputCount), bit);
        _refinements.Update(bit);
        _predictors.Update(ref _context, bit);
        if (_context.Advance(bit)) EndByte();
    }

    /// <summary>
    /// After a byte's last bit. Not inlined: it runs once a byte, and the JIT's inlining budget for the coding loop is
    /// better spent on the predictors' per-bit calls (measured: Max runs more of them as real calls otherwise).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void EndByte() => _predictors.EndByte(ref _context);
}
