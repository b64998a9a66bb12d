namespace Midicoth.Models.Composition;

/// <summary>The run-time pipeline as an <see cref="ICodec"/>: any topology, composed while running.</summary>
public sealed class PipelineCodec(Topology topology) : ICodec
{
    /// <summary>The paper's compressor through the run-time pipeline.</summary>
    public static PipelineCodec Paper { get; } = new(Composition.Topology.Paper);

    public Topology Spec { get; } = topology;

    /// <summary>The topology's transforms, built once from the catalog (null: none).</summary>
    private readonly TransformChain? _transforms = topology.Transforms.Count == 0 ? null
        : new(topology.Transforms.Select(s => (IBlockTransform)StageFactory.Create((int)s.Kind, s.ValueArray)).ToArray());

    public string Topology => Spec.Text;

    public byte[] EncodePayload(ReadOnlySpan<byte> data, IProgress<long>? progress = null)
    {
        if (_transforms == null) return EncodeModels(Spec, data, progress);
        // As a generated codec with transforms does: rewrite, code the rewritten block, put its length in front.
        byte[] rewritten = _transforms.Forward(data);
        return TransformChain.Payload(data.Length, rewritten.Length, EncodeModels(Spec.Models, rewritten, progress));
    }

    public void DecodePayload(byte[] payload, int offset, int count, Span<byte> output, IProgress<long>? progress = null)
    {
        if (_transforms == null)
        {
            DecodeModels(Spec, payload, offset, count, output, progress);
            return;
        }
        byte[] rewritten = _transforms.RewrittenBuffer(payload, ref offset, ref count, output.Length);
        DecodeModels(Spec.Models, payload, offset, count, rewritten, progress);
        _transforms.Inverse(rewritten, output);
    }

    private static byte[] EncodeModels(Topology models, ReadOnlySpan<byte> data, IProgress<long>? progress) =>
        models.IsBitWise ? BitPipeline.Encode(models, data, progress) : Pipeline.Encode(models, data, progress);

    private static void DecodeModels(Topology models, byte[] payload, int offset, int count, Span<byte> output, IProgress<long>? progress)
    {
        if (models.IsBitWise) BitPipeline.Decode(models, payload, offset, count, output, progress);
        else Pipeline.Decode(models, payload, offset, count, output, progress);
    }
}
