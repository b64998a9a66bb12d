namespace Midicoth.Tests;

/// <summary>
/// The one per-bit step, driven directly: over concrete stages in any tree shape it gives the run-time pipeline's
/// bytes (the same step over interface-typed stages), and its special cases are the stages' own properties.
/// </summary>
public class BitStepTests
{
    private static readonly byte[] Text = System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(
        "The step is written once; generated codecs and the pipeline instantiate it over their stages. ", 40)));

    [Fact]
    public void Concrete_stages_in_any_tree_shape_give_the_pipelines_bytes()
    {
        long n = Text.Length;
        byte[] expected = new PipelineCodec(Topology.Parse("ctx:1-16,ctx:2-18,words:18,mixer:2-6,apm:1-6,apm:0-7")).EncodePayload(Text);

        // Left-leaning and right-leaning trees put the inputs in the same order, so the bytes cannot differ.
        var left = new BitStep<PredictorPair<PredictorPair<ContextMapStage, ContextMapStage>, WordStage>, MixerStage, RefinementPair<ApmStage, ApmStage>>(
            new(new(new(1, 16, n), new(2, 18, n)), new(18, n)), new(5, 2, 6), new(new(1, 6), new(0, 7)));
        var right = new BitStep<PredictorPair<ContextMapStage, PredictorPair<ContextMapStage, WordStage>>, MixerStage, RefinementPair<ApmStage, RefinementPair<ApmStage, NoRefinement>>>(
            new(new(1, 16, n), new(new(2, 18, n), new(18, n))), new(5, 2, 6), new(new(1, 6), new(new(0, 7), default)));
        Assert.Equal(5, left.InputCount);
        Assert.Equal(expected, BitCoder.Encode(ref left, Text));
        Assert.Equal(expected, BitCoder.Encode(ref right, Text));
    }

    [Fact]
    public void The_step_counts_known_contexts_only_when_its_mixer_reads_them()
    {
        // mixer2 with five sets selects by how many context maps know the node; with fewer, nobody pays for the count.
        Assert.True(new MixerNetworkStage(3, 5, 6).ReadsKnown);
        Assert.False(new MixerNetworkStage(3, 4, 6).ReadsKnown);
        Assert.False(new MixerStage(3, 3, 6).ReadsKnown);
        // The same mixer behind a wrapper that says it does not read the count: the step must then leave it at 0,
        // so the bytes differ exactly when the step follows what the mixer says.
        long n = Text.Length;
        var reading = new BitStep<PredictorPair<ContextMapStage, ContextMapStage>, MixerNetworkStage, NoRefinement>(
            new(new(1, 16, n), new(2, 18, n)), new(3, 5, 6), default);
        var deaf = new BitStep<PredictorPair<ContextMapStage, ContextMapStage>, NotReadingKnown, NoRefinement>(
            new(new(1, 16, n), new(2, 18, n)), new(new(3, 5, 6)), default);
        byte[] read = BitCoder.Encode(ref reading, Text);
        Assert.Equal(new PipelineCodec(Topology.Parse("ctx:1-16,ctx:2-18,mixer2:5-6")).EncodePayload(Text), read);
        Assert.NotEqual(read, BitCoder.Encode(ref deaf, Text));
    }

    /// <summary>A mixer2 that says it does not read <see cref="BitContext.Known"/>.</summary>
    private struct NotReadingKnown(MixerNetworkStage inner) : IBitMixer
    {
        private MixerNetworkStage _inner = inner;
        public int Mix(ReadOnlySpan<int> inputs, in BitContext context) => _inner.Mix(inputs, context);
        public readonly void Train(ReadOnlySpan<int> inputs, int bit) => _inner.Train(inputs, bit);
        public readonly bool ReadsKnown => false;
        public readonly long AllocatedBytes => _inner.AllocatedBytes;
    }

    [Fact]
    public void The_pipeline_decodes_what_a_concrete_step_coded()
    {
        long n = Text.Length;
        var step = new BitStep<PredictorPair<ContextMapStage, BitMatchStage>, MixerStage, NoRefinement>(
            new(new(2, 18, n), new(6, 18, n)), new(4, 3, 6), default);
        byte[] payload = BitCoder.Encode(ref step, Text);
        var output = new byte[Text.Length];
        new PipelineCodec(Topology.Parse("ctx:2-18,bitmatch:6-18,mixer:3-6")).DecodePayload(payload, 0, payload.Length, output);
        Assert.Equal(Text, output);
    }
}
