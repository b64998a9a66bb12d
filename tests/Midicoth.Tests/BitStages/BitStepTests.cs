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
        long n = Text.Length;
        foreach (int sets in new[] { 4, 5 })
        {
            var step = new BitStep<PredictorPair<ContextMapStage, ContextMapStage>, MixerNetworkStage, NoRefinement>(
                new(new(1, 16, n), new(2, 18, n)), new(3, sets, 6), default);
            byte[] expected = new PipelineCodec(Topology.Parse($"ctx:1-16,ctx:2-18,mixer2:{sets}-6")).EncodePayload(Text);
            Assert.Equal(expected, BitCoder.Encode(ref step, Text));
        }
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
