
namespace Midicoth.Models.Composition;

/// <summary>
/// The run-time pipeline of a bit-wise topology: the one <see cref="BitStep{TPredictors, TMixer, TRefinements}"/>
/// over stages created from the topology while running (no code generation at run time, so it works under Native
/// AOT), each called through its role's interface and the mixer over a run-time number of inputs. Generated codecs
/// instantiate the same step over their concrete structs; both give the same bytes by construction.
/// </summary>
public static class BitPipeline
{
    /// <summary>The run-time step of a bit-wise topology.</summary>
    /// <param name="topology">A bit-wise topology.</param>
    /// <param name="inputLength">The block's length: tables are sized down for short blocks (both ends know it).</param>
    public static BitStep<PredictorList, IBitMixer, RefinementList> Create(Topology topology, long inputLength)
    {
        if (!topology.IsBitWise) throw new ArgumentException("not a bit-wise topology", nameof(topology));
        int inputs = topology.MixerInputs;
        var predictors = new List<IBitPredictor>();
        var refinements = new List<IBitRefinement>();
        IBitMixer? mixer = null;
        // Byte-wise stages stand before a bridge, which runs them as one stack (the byte-wise Pipeline's step).
        int bridgeAt = topology.Stages.ToList().FindIndex(s => s.Kind == StageKind.Bridge);
        foreach (StageSpec stage in topology.Stages.Skip(Math.Max(bridgeAt, 0)))
        {
            object model = stage.Kind == StageKind.Bridge ? BridgeOver(topology.Stages.Take(bridgeAt).ToArray(), inputLength)
                : stage.IsUser ? StageRegistry.Create(stage, inputLength)
                : StageFactory.Create((int)stage.Kind, stage.ValueArray, inputLength, inputs);
            switch (model)
            {
                case IBitPredictor p: predictors.Add(p); break;
                case IBitMixer m: mixer = m; break;
                case IBitRefinement r: refinements.Add(r); break;
            }
        }
        return new(new PredictorList(predictors.ToArray()),
            mixer ?? throw new ArgumentException("a bit-wise topology needs a mixer", nameof(topology)),
            new RefinementList(refinements.ToArray()));
    }

    /// <summary>The bridge over the byte-wise <paramref name="stack"/>, its stages behind their role interfaces.</summary>
    private static BridgeStage<ByteStep<IBaseStage, BlendList, ICorrectionStage>> BridgeOver(StageSpec[] stack, long inputLength) =>
        new(new Pipeline(new Topology(stack)).Step, inputLength);

    /// <summary>Codes <paramref name="data"/> with a new pipeline and returns the coder's bytes.</summary>
    public static byte[] Encode(Topology topology, ReadOnlySpan<byte> data, IProgress<long>? progress = null)
    {
        var model = Create(topology, data.Length);
        return BitCoder.Encode(ref model, data, progress);
    }

    /// <summary>Decodes <paramref name="output"/>.Length bytes with a new pipeline.</summary>
    public static void Decode(Topology topology, byte[] payload, int offset, int count, Span<byte> output, IProgress<long>? progress = null)
    {
        var model = Create(topology, output.Length);
        BitCoder.Decode(ref model, payload, offset, count, output, progress);
    }
}
