namespace Midicoth.Models;

/// <summary>
/// The run-time pipeline: the models of any <see cref="Topology"/>, composed while running. Per byte: every stage
/// prefetches its contexts, PPM predicts (and the result is normalised once more), each blending stage mixes its
/// opinion in, in topology order, the denoiser corrects, and the distribution becomes coder frequencies. After
/// coding every model learns the byte. Blending stages are called through <see cref="IBlendStage"/>; generated
/// codecs run the same steps on concrete fields.
/// </summary>
public sealed class Pipeline : ISymbolModel
{
    private PpmModel _ppm;
    private readonly IBlendStage[] _stages;
    private TweedieDenoiser _denoiser;
    private readonly bool _denoise;
    private readonly double[] _probs = new double[Distribution.Symbols];
    private readonly double[] _scratch = new double[Distribution.Symbols];
    private readonly uint[] _cum = new uint[Distribution.Symbols + 1];
    private uint _total;

    public Pipeline(Topology topology)
    {
        Topology = topology;
        _ppm = new PpmModel(topology.PpmOrder);
        _stages = topology.Stages.Skip(1).Select(CreateStage).ToArray();
        _denoise = topology.DenoiseSteps > 0;
        if (_denoise) _denoiser = new TweedieDenoiser(topology.DenoiseSteps);
    }

    /// <summary>Creates the model of a blending stage (boxed: the run-time path calls it through the interface).</summary>
    private static IBlendStage CreateStage(StageSpec stage) => stage.Kind switch
    {
        StageKind.Match => new MatchModel(stage.A, stage.B),
        StageKind.Word => new WordModel(),
        StageKind.HighOrder => new HighOrderModel(stage.A, stage.B),
        _ => throw new NotSupportedException($"stage {stage.Kind} cannot blend"),
    };

    public Topology Topology { get; }

    public ReadOnlySpan<uint> Cumulative => _cum;

    public uint Total => _total;

    /// <summary>Bytes held by each stage's tables, for memory diagnostics.</summary>
    public IEnumerable<(string Stage, long Bytes)> MemoryByStage()
    {
        yield return ("ppm", _ppm.AllocatedBytes);
        for (int i = 0; i < _stages.Length; i++) yield return (Models.Topology.Name(Topology.Stages[i + 1].Kind), _stages[i].AllocatedBytes);
        if (_denoise) yield return ("denoise", _denoiser.AllocatedBytes);
    }

    public void Predict(ReadOnlySpan<byte> history)
    {
        Span<double> probs = _probs;
        _ppm.Prepare(history);
        foreach (IBlendStage stage in _stages) stage.Prepare(history);
        PipelineSteps.Base(ref _ppm, history, probs, out double confidence, out int order);
        foreach (IBlendStage stage in _stages) stage.Blend(history, probs, _scratch);
        _total = _denoise ? PipelineSteps.Finish(ref _denoiser, probs, order, confidence, _cum) : PipelineSteps.Finish(probs, _cum);
    }

    public void Update(ReadOnlySpan<byte> history, byte symbol)
    {
        if (_denoise) _denoiser.Update(symbol);
        foreach (IBlendStage stage in _stages) stage.Update(history, symbol);
        _ppm.Update(history, symbol);
    }

    /// <summary>Codes <paramref name="data"/> with a new pipeline and returns the coder's bytes (no header).</summary>
    public static byte[] Encode(Topology topology, ReadOnlySpan<byte> data)
    {
        var pipeline = new Pipeline(topology);
        return SymbolCoder.Encode(ref pipeline, data);
    }

    /// <summary>Decodes <paramref name="output"/>.Length bytes with a new pipeline.</summary>
    public static void Decode(Topology topology, byte[] payload, int offset, int count, Span<byte> output)
    {
        var pipeline = new Pipeline(topology);
        SymbolCoder.Decode(ref pipeline, payload, offset, count, output);
    }
}
