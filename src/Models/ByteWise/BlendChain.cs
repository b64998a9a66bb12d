using System.Runtime.CompilerServices;

namespace Midicoth.Models.ByteWise;

/// <summary>
/// A compile-time list of blending stages: <typeparamref name="TFirst"/>, then the stages of
/// <typeparamref name="TRest"/>. Generated codecs spell their blends as such a list of concrete structs
/// (<c>BlendChain&lt;MatchModel, BlendChain&lt;WordModel, NoBlends&gt;&gt;</c>), so each call below is a direct,
/// inlinable call on a struct field.
/// </summary>
public struct BlendChain<TFirst, TRest>(TFirst first, TRest rest) : IBlendChain
    where TFirst : IBlendStage
    where TRest : IBlendChain
{
    private TFirst _first = first;
    private TRest _rest = rest;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prepare(ReadOnlySpan<byte> history)
    {
        _first.Prepare(history);
        _rest.Prepare(history);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Blend(ReadOnlySpan<byte> history, Span<double> probs, Span<double> scratch)
    {
        _first.Blend(history, probs, scratch);
        _rest.Blend(history, probs, scratch);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Update(ReadOnlySpan<byte> history, byte symbol)
    {
        _first.Update(history, symbol);
        _rest.Update(history, symbol);
    }
}

/// <summary>The end of a <see cref="BlendChain{TFirst, TRest}"/>, or a topology without blending stages.</summary>
public struct NoBlends : IBlendChain
{
    /// <inheritdoc/>
    public readonly void Prepare(ReadOnlySpan<byte> history) { }

    /// <inheritdoc/>
    public readonly void Blend(ReadOnlySpan<byte> history, Span<double> probs, Span<double> scratch) { }

    /// <inheritdoc/>
    public readonly void Update(ReadOnlySpan<byte> history, byte symbol) { }
}
