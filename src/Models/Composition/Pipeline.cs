namespace Midicoth.Models.Composition;

/// <summary>
/// The run-time pipeline: the stages of any <see cref="Topology"/>, created from its text while running (no code
/// generation at run time, so it works under Native AOT), and driven by the same
/// <see cref="ByteStep{TBase, TBlends, TCorrection}"/> as generated codecs, with every stage called through its
/// role's interface.
/// </summary>
public sealed class Pipeline
{
    private readonly (string Name, object Stage)[] _stages;

    /// <summary>The step of this pipeline (a field, so that the coding loop can take it by reference).</summary>
    public ByteStep<IBaseStage, BlendList, ICorrectionStage> Step;

    public Pipeline(Topology topology)
    {
        Topology = topology;
        _stages = topology.Stages.Select(s => (s.Name, StageFactory.Create((int)s.Kind, s.ValueArray))).ToArray();
        // Validation put the base first and the correction, if any, last.
        IBaseStage baseStage = (IBaseStage)_stages[0].Stage;
        IBlendStage[] blends = _stages.Select(s => s.Stage).OfType<IBlendStage>().ToArray();
        ICorrectionStage correction = _stages[^1].Stage as ICorrectionStage ?? new NoCorrection();
        Step = new(baseStage, new BlendList(blends), correction);
    }

    public Topology Topology { get; }

    /// <summary>Bytes held by each stage's tables, for memory diagnostics.</summary>
    public IEnumerable<(string Stage, long Bytes)> MemoryByStage() => _stages.Select(s => (s.Name, s.Stage switch
    {
        IBaseStage b => b.AllocatedBytes,
        IBlendStage b => b.AllocatedBytes,
        ICorrectionStage c => c.AllocatedBytes,
        _ => 0L,
    }));

    /// <summary>Codes <paramref name="data"/> with a new pipeline and returns the coder's bytes (no header).</summary>
    public static byte[] Encode(Topology topology, ReadOnlySpan<byte> data, IProgress<long>? progress = null)
    {
        var pipeline = new Pipeline(topology);
        return SymbolCoder.Encode(ref pipeline.Step, data, progress);
    }

    /// <summary>Decodes <paramref name="output"/>.Length bytes with a new pipeline.</summary>
    public static void Decode(Topology topology, byte[] payload, int offset, int count, Span<byte> output, IProgress<long>? progress = null)
    {
        var pipeline = new Pipeline(topology);
        SymbolCoder.Decode(ref pipeline.Step, payload, offset, count, output, progress);
    }
}
