using System.Runtime.CompilerServices;

namespace Midicoth.Models.BitWise;

/// <summary>The bit predictors of a topology chosen at run time: an array, each called through <see cref="IBitPredictor"/>.</summary>
public sealed class PredictorList : IBitPredictor
{
    private readonly IBitPredictor[] _stages;
    private readonly int[] _offsets;

    public PredictorList(IBitPredictor[] stages)
    {
        _stages = stages;
        _offsets = new int[stages.Length];
        int at = 0;
        for (int i = 0; i < stages.Length; at += stages[i].InputCount, i++) _offsets[i] = at;
        InputCount = at;
    }

    /// <inheritdoc/>
    public int InputCount { get; }

    /// <inheritdoc/>
    public long AllocatedBytes => _stages.Sum(s => s.AllocatedBytes);

    /// <inheritdoc/>
    public void Predict(ref BitContext context, ref int inputs)
    {
        for (int i = 0; i < _stages.Length; i++) _stages[i].Predict(ref context, ref Unsafe.Add(ref inputs, _offsets[i]));
    }

    /// <inheritdoc/>
    public void Update(ref BitContext context, int bit)
    {
        foreach (IBitPredictor stage in _stages) stage.Update(ref context, bit);
    }

    /// <inheritdoc/>
    public void EndByte(ref BitContext context)
    {
        foreach (IBitPredictor stage in _stages) stage.EndByte(ref context);
    }
}
