namespace Midicoth.Models;

/// <summary>
/// The run-time pipeline: the models of any <see cref="Topology"/>, composed while running.
/// Per byte: PPM predicts and the result is normalised once more (the reference does; it is not a no-op),
/// each blending stage mixes its opinion in, the denoiser corrects, the distribution is clamped and
/// normalised and turned into coder frequencies. After coding, every model is updated. Encoder and decoder
/// run the same <see cref="Predict"/> and <see cref="Update"/>, so they stay in step by construction.
/// The generated codecs do the same with the stage list resolved at compile time.
/// </summary>
public sealed class Pipeline
{
    private readonly StageKind[] _blendOrder;
    private PpmModel _ppm;
    private MatchModel _match;
    private WordModel _word;
    private HighOrderModel _highOrder;
    private TweedieDenoiser _denoiser;
    private readonly bool _denoise;
    private readonly double[] _probs = new double[Distribution.Symbols];
    private readonly double[] _modelProbs = new double[Distribution.Symbols];
    private readonly uint[] _cum = new uint[Distribution.Symbols + 1];
    private uint _total;

    public Pipeline(Topology topology)
    {
        Topology = topology;
        var blends = new List<StageKind>();
        foreach (StageSpec stage in topology.Stages)
        {
            switch (stage.Kind)
            {
                case StageKind.Ppm: _ppm = new PpmModel(stage.A); continue;
                case StageKind.Match: _match = new MatchModel(stage.A, stage.B); break;
                case StageKind.Word: _word = new WordModel(); break;
                case StageKind.HighOrder: _highOrder = new HighOrderModel(stage.A, stage.B); break;
            }
            blends.Add(stage.Kind);
        }
        _blendOrder = blends.ToArray();
        _denoise = topology.DenoiseSteps > 0;
        if (_denoise) _denoiser = new TweedieDenoiser(topology.DenoiseSteps);
    }

    public Topology Topology { get; }

    /// <summary>Frequencies of the last prediction (257 entries).</summary>
    public ReadOnlySpan<uint> Cumulative => _cum;

    public uint Total => _total;

    /// <summary>The distribution of the last prediction, after the final normalisation.</summary>
    public ReadOnlySpan<double> Probabilities => _probs;

    /// <summary>Bytes held by each stage's tables, for memory diagnostics.</summary>
    public IEnumerable<(string Stage, long Bytes)> MemoryByStage()
    {
        yield return ("ppm", _ppm.AllocatedBytes);
        foreach (StageKind kind in _blendOrder)
        {
            yield return (Models.Topology.Name(kind), kind switch
            {
                StageKind.Match => _match.AllocatedBytes,
                StageKind.Word => _word.AllocatedBytes,
                StageKind.HighOrder => _highOrder.AllocatedBytes,
                _ => 0,
            });
        }
        if (_denoise) yield return ("denoise", _denoiser.AllocatedBytes);
    }

    /// <summary>Predicts the byte that follows <paramref name="history"/>; fills <see cref="Cumulative"/>.</summary>
    public void Predict(ReadOnlySpan<byte> history)
    {
        Span<double> probs = _probs;
        _ppm.Prepare(history);
        foreach (StageKind kind in _blendOrder)
        {
            switch (kind)
            {
                case StageKind.Match: _match.Prepare(history); break;
                case StageKind.HighOrder: _highOrder.Prepare(history); break;
            }
        }
        _ppm.Predict(history, probs, out double confidence, out int order);
        Distribution.ClampNormalize(probs);
        foreach (StageKind kind in _blendOrder)
        {
            switch (kind)
            {
                case StageKind.Match:
                    int predicted = _match.Predict(history, out double matchConfidence);
                    Blend.Match(probs, predicted, matchConfidence);
                    break;
                case StageKind.Word:
                    if (_word.Predict(_modelProbs, out double wordConfidence)) Blend.Word(probs, _modelProbs, wordConfidence);
                    break;
                case StageKind.HighOrder:
                    if (_highOrder.Predict(history, _modelProbs, out double highConfidence)) Blend.HighOrder(probs, _modelProbs, highConfidence);
                    break;
            }
        }
        if (_denoise)
        {
            _denoiser.Denoise(probs, order, confidence);
            Distribution.ClampNormalize(probs);
        }
        _total = CumulativeFrequencies.Build(probs, _cum);
    }

    /// <summary>Teaches every model the actual <paramref name="symbol"/> that followed <paramref name="history"/>.</summary>
    public void Update(ReadOnlySpan<byte> history, byte symbol)
    {
        if (_denoise) _denoiser.Update(symbol);
        foreach (StageKind kind in _blendOrder)
        {
            switch (kind)
            {
                case StageKind.Match: _match.Update(history, symbol); break;
                case StageKind.Word: _word.Update(symbol); break;
                case StageKind.HighOrder: _highOrder.Update(history, symbol); break;
            }
        }
        _ppm.Update(history, symbol);
    }

    /// <summary>Codes <paramref name="data"/> and returns the coder's bytes (no header).</summary>
    public static byte[] Encode(Topology topology, ReadOnlySpan<byte> data)
    {
        var output = new ByteBuffer(data.Length / 3 + 64);
        if (data.Length == 0) return [];
        var pipeline = new Pipeline(topology);
        var encoder = new ArithmeticEncoder(output);
        for (int i = 0; i < data.Length; i++)
        {
            ReadOnlySpan<byte> history = data[..i];
            pipeline.Predict(history);
            encoder.Encode(pipeline._cum, data[i], pipeline._total);
            pipeline.Update(history, data[i]);
        }
        encoder.Finish();
        return output.ToArray();
    }

    /// <summary>Decodes <paramref name="output"/>.Length bytes from the payload, checking its length at the end.</summary>
    public static void Decode(Topology topology, byte[] payload, int offset, int count, Span<byte> output)
    {
        if (output.Length == 0)
        {
            if (count != 0) throw new MidicothFormatException("corrupt input: payload present for empty content");
            return;
        }
        var pipeline = new Pipeline(topology);
        var decoder = new ArithmeticDecoder(payload, offset, count);
        for (int i = 0; i < output.Length; i++)
        {
            ReadOnlySpan<byte> history = output[..i];
            pipeline.Predict(history);
            byte symbol = (byte)decoder.Decode(pipeline._cum, pipeline._total);
            if (decoder.IsPastEnd) throw new MidicothFormatException("truncated input: the coded stream ends early");
            output[i] = symbol;
            pipeline.Update(history, symbol);
        }
        decoder.VerifyEnd(count);
    }
}
