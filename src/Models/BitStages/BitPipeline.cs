using Midicoth.Models.Coding;
using Midicoth.Models.ByteStages;
using System.Runtime.InteropServices;

namespace Midicoth.Models.BitStages;

/// <summary>
/// The run-time pipeline of a bit-wise topology: its stages created from the topology's text while running (no
/// code generation at run time, so it works under Native AOT), each called through its role's interface, the
/// mixer looping over a run-time number of inputs. Generated codecs do the same work with every stage a concrete
/// field and the mixer unrolled; both give the same bytes (the same integer arithmetic in the same order).
/// </summary>
public sealed class BitPipeline : IBitModel
{
    private readonly IBitPredictor[] _predictors;
    private readonly int[] _offsets;
    private readonly int[] _inputs;
    private readonly IBitRefinement[] _refinements;
    private readonly IBitMixer _mixer;
    private BitContext _context = BitContext.Start;

    /// <param name="topology">A bit-wise topology.</param>
    /// <param name="inputLength">The block's length: tables are sized down for short blocks (both ends know it).</param>
    public BitPipeline(Topology topology, long inputLength)
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
            object model = stage.Kind == StageKind.Bridge
                ? BridgeOver(topology.Stages.Take(bridgeAt).ToArray(), inputLength)
                : StageFactory.Create((int)stage.Kind, stage.ValueArray, inputLength, inputs);
            switch (model)
            {
                case IBitPredictor p: predictors.Add(p); break;
                case IBitMixer m: mixer = m; break;
                case IBitRefinement r: refinements.Add(r); break;
            }
        }
        _predictors = predictors.ToArray();
        _refinements = refinements.ToArray();
        _offsets = new int[_predictors.Length];
        for (int i = 0, at = 0; i < _predictors.Length; at += _predictors[i].InputCount, i++) _offsets[i] = at;
        _mixer = mixer ?? throw new ArgumentException("a bit-wise topology needs a mixer", nameof(topology));
        StageSpec mixerSpec = topology.Stages.First(s => s.Descriptor.Role == StageRole.Mixer);
        _context.CountKnown = mixerSpec.Kind == StageKind.Mixer2 && MixerNetworkStage.ReadsKnown(mixerSpec.Values[0]);
        _inputs = new int[inputs];
        _inputs[^1] = MixerStage.Bias;
    }

    /// <summary>The bridge over the byte-wise <paramref name="stack"/>, its stages behind their role interfaces.</summary>
    private static BridgeStage<ByteStep<IBaseStage, BlendList, ICorrectionStage>> BridgeOver(StageSpec[] stack, long inputLength) =>
        new(new Pipeline(new Topology(stack)).Step, inputLength);

    /// <summary>Bytes held by the stages' tables.</summary>
    public long AllocatedBytes => _predictors.Sum(p => p.AllocatedBytes) + _mixer.AllocatedBytes + _refinements.Sum(r => r.AllocatedBytes);

    public int Predict()
    {
        ref int inputs = ref MemoryMarshal.GetArrayDataReference(_inputs);
        for (int i = 0; i < _predictors.Length; i++)
        {
            _predictors[i].Predict(ref _context, ref System.Runtime.CompilerServices.Unsafe.Add(ref inputs, _offsets[i]));
        }
        int p = _mixer.Mix(_inputs, _context);
        for (int i = 0; i < _refinements.Length; i++) p = _refinements[i].Refine(p, _context);
        return p;
    }

    public void Update(int bit)
    {
        _mixer.Train(_inputs, bit);
        for (int i = 0; i < _refinements.Length; i++) _refinements[i].Update(bit);
        for (int i = 0; i < _predictors.Length; i++) _predictors[i].Update(ref _context, bit);
        if (!_context.Advance(bit)) return;
        for (int i = 0; i < _predictors.Length; i++) _predictors[i].EndByte(ref _context);
    }

    /// <summary>Codes <paramref name="data"/> with a new pipeline and returns the coder's bytes.</summary>
    public static byte[] Encode(Topology topology, ReadOnlySpan<byte> data, IProgress<long>? progress = null)
    {
        var model = new BitPipeline(topology, data.Length);
        return BitCoder.Encode(ref model, data, progress);
    }

    /// <summary>Decodes <paramref name="output"/>.Length bytes with a new pipeline.</summary>
    public static void Decode(Topology topology, byte[] payload, int offset, int count, Span<byte> output, IProgress<long>? progress = null)
    {
        var model = new BitPipeline(topology, output.Length);
        BitCoder.Decode(ref model, payload, offset, count, output, progress);
    }
}
