using System.Runtime.CompilerServices;

namespace Midicoth.Models.BitWise;

/// <summary>
/// Two bit predictors as one: <typeparamref name="TFirst"/>'s inputs, then <typeparamref name="TSecond"/>'s. Generated
/// codecs nest pairs into a balanced tree of their concrete predictors (so the JIT inlines a path of a few levels,
/// not one per stage), and every call below is a direct call on a struct field.
/// </summary>
public struct PredictorPair<TFirst, TSecond>(TFirst first, TSecond second) : IBitPredictor
    where TFirst : IBitPredictor
    where TSecond : IBitPredictor
{
    private TFirst _first = first;
    private TSecond _second = second;

    /// <inheritdoc/>
    /// <remarks>Not readonly: in a readonly member, the compiler copies a field of a type parameter before each call on it.</remarks>
    public int InputCount
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _first.InputCount + _second.InputCount;
    }

    /// <inheritdoc/>
    public readonly long AllocatedBytes => _first.AllocatedBytes + _second.AllocatedBytes;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Predict(ref BitContext context, ref int inputs)
    {
        _first.Predict(ref context, ref inputs);
        _second.Predict(ref context, ref Unsafe.Add(ref inputs, _first.InputCount));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Update(ref BitContext context, int bit)
    {
        _first.Update(ref context, bit);
        _second.Update(ref context, bit);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EndByte(ref BitContext context)
    {
        _first.EndByte(ref context);
        _second.EndByte(ref context);
    }
}
