namespace Midicoth.Models.Composition;

/// <summary>The run-time pipeline as an <see cref="ICodec"/>: any topology, composed while running.</summary>
public sealed class PipelineCodec(Topology topology) : ICodec
{
    /// <summary>The paper's compressor through the run-time pipeline.</summary>
    public static PipelineCodec Paper { get; } = new(Composition.Topology.Paper);

    public Topology Spec { get; } = topology;

    public string Topology => Spec.Text;

    public byte[] EncodePayload(ReadOnlySpan<byte> data, IProgress<long>? progress = null) =>
        Spec.IsBitWise ? BitPipeline.Encode(Spec, data, progress) : Pipeline.Encode(Spec, data, progress);

    public void DecodePayload(byte[] payload, int offset, int count, Span<byte> output, IProgress<long>? progress = null)
    {
        if (Spec.IsBitWise) BitPipeline.Decode(Spec, payload, offset, count, output, progress);
        else Pipeline.Decode(Spec, payload, offset, count, output, progress);
    }
}
