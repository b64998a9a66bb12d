using System.Runtime.CompilerServices;

namespace Midicoth.Models.ByteWise;

/// <summary>
/// The per-byte step of every byte-wise topology, written once. For each byte, knowing the bytes before it:
/// <code>
///   Prepare   every stage computes its context keys and prefetches its table slots (the misses overlap)
///   Base      the base stage (PPM) fills the 256-entry distribution           → opinion (order, confidence)
///   Blend     each blending stage mixes its prediction in, in topology order
///   Correct   the correction (Tweedie denoiser) adjusts it, given the base's opinion; or nothing
///   Code      the distribution becomes cumulative coder frequencies
/// </code>
/// and after the coder has the byte, <see cref="Update"/> lets every stage learn it (correction, blends, base).
/// <para>Generic over the stages, so one definition serves both paths: a generated codec instantiates it with
/// its concrete model structs (e.g. <c>ByteStep&lt;PpmModel, BlendChain&lt;MatchModel, NoBlends&gt;,
/// TweedieDenoiser&gt;</c>), which the JIT and Native AOT compile into straight-line code with no interface
/// call; the run-time <see cref="Pipeline"/> instantiates it with the role interfaces and a
/// <see cref="BlendList"/>, and calls through them. The trace test wraps stages to record what each said.</para>
/// </summary>
public struct ByteStep<TBase, TBlends, TCorrection> : ISymbolModel
    where TBase : IBaseStage
    where TBlends : IBlendChain
    where TCorrection : ICorrectionStage
{
    private TBase _base;
    private TBlends _blends;
    private TCorrection _correction;
    private readonly double[] _probs;
    private readonly double[] _scratch;
    private readonly uint[] _cumulative;
    private uint _total;

    /// <summary>A step over the given stages, which it owns from now on.</summary>
    public ByteStep(TBase baseStage, TBlends blends, TCorrection correction)
    {
        _base = baseStage;
        _blends = blends;
        _correction = correction;
        _probs = new double[Distribution.Symbols];
        _scratch = new double[Distribution.Symbols];
        _cumulative = new uint[Distribution.Symbols + 1];
        _total = 0;
    }

    /// <inheritdoc/>
    public readonly ReadOnlySpan<uint> Cumulative => _cumulative;

    /// <inheritdoc/>
    public readonly uint Total => _total;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Predict(ReadOnlySpan<byte> history)
    {
        Span<double> probs = _probs;
        _base.Prepare(history);
        _blends.Prepare(history);
        Opinion basis = _base.PredictBase(history, probs);
        _blends.Blend(history, probs, _scratch);
        _correction.Correct(probs, basis);
        _total = CumulativeFrequencies.Build(probs, _cumulative);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Update(ReadOnlySpan<byte> history, byte symbol)
    {
        _correction.Update(symbol);
        _blends.Update(history, symbol);
        _base.Update(history, symbol);
    }
}
