using System.IO.Compression;
using System.Runtime.InteropServices;

namespace Midicoth.Tests;

/// <summary>
/// The paper pipeline stage by stage against ../shared/conformance/alice20k.trace.gz: for each of the first
/// 20,000 bytes of alice29.txt, the hash of the distribution after every stage, each model's prediction and
/// confidence, and the coder's frequencies. The first differing field names the stage and byte that diverge.
/// </summary>
[Trait("Category", "Conformance")]
public class TraceTests
{
    private static string Hex(double d) => BitConverter.DoubleToInt64Bits(d).ToString("x16");

    private static string Hash(ReadOnlySpan<double> probs) => ContextHash.Of(MemoryMarshal.AsBytes(probs)).ToString("x16");

    [Fact]
    public void Every_stage_matches_the_reference_trace()
    {
        SharedData.Require();
        string tracePath = Path.Combine(SharedData.Root!, "conformance", "alice20k.trace.gz");
        using var reader = new StreamReader(new GZipStream(File.OpenRead(tracePath), CompressionMode.Decompress));
        byte[] text = File.ReadAllBytes(Path.Combine(SharedData.Root!, "corpus", "alice29.txt"));

        // The very step every codec runs (ByteStep), over the paper's stages, each wrapped to record what it said.
        var actual = new List<string>();
        var step = new ByteStep<IBaseStage, BlendList, ICorrectionStage>(
            new TracedBase(new PpmModel(4), actual),
            new BlendList([
                new TracedBlend(new MatchModel(4, 16), actual),
                new TracedBlend(new WordModel(), actual),
                new TracedBlend(new HighOrderModel(5, 8), actual)]),
            new TracedCorrection(new TweedieDenoiser(3), actual));
        string[] names = ["i", "byte", "ppm_order", "ppm_conf", "h_ppm", "h_match", "match_byte", "match_conf", "h_word", "word_ret", "word_conf",
            "h_hctx", "hctx_ret", "hctx_conf", "h_final", "total", "cum_lo", "cum_hi"];
        string? line;
        int checkedLines = 0;
        while ((line = reader.ReadLine()) != null)
        {
            if (line.StartsWith('#')) continue;
            string[] expected = line.Split(' ');
            int i = int.Parse(expected[0]);
            ReadOnlySpan<byte> history = text.AsSpan(0, i);
            actual.Clear();
            actual.AddRange([i.ToString(), text[i].ToString()]);
            step.Predict(history);
            actual.AddRange([step.Total.ToString(), step.Cumulative[text[i]].ToString(), step.Cumulative[text[i] + 1].ToString()]);

            Assert.Equal(names.Length, actual.Count);
            for (int f = 0; f < expected.Length; f++)
            {
                Assert.True(expected[f] == actual[f], $"byte {i}: {names[f]} is {actual[f]}, the reference has {expected[f]}");
            }
            step.Update(history, text[i]);
            checkedLines++;
        }
        Assert.Equal(20_000, checkedLines);
    }

    /// <summary>The base stage, recording its order, confidence and the distribution's hash.</summary>
    private sealed class TracedBase(IBaseStage inner, List<string> trace) : IBaseStage
    {
        public long AllocatedBytes => inner.AllocatedBytes;
        public void Prepare(ReadOnlySpan<byte> history) => inner.Prepare(history);
        public void Update(ReadOnlySpan<byte> history, byte symbol) => inner.Update(history, symbol);

        public Opinion PredictBase(ReadOnlySpan<byte> history, Span<double> probs)
        {
            Opinion opinion = inner.PredictBase(history, probs);
            trace.AddRange([opinion.Value.ToString(), Hex(opinion.Confidence), Hash(probs)]);
            return opinion;
        }
    }

    /// <summary>A blending stage, recording the distribution's hash after it, and what it predicted how confidently.</summary>
    private sealed class TracedBlend(IBlendStage inner, List<string> trace) : IBlendStage
    {
        public long AllocatedBytes => inner.AllocatedBytes;
        public void Prepare(ReadOnlySpan<byte> history) => inner.Prepare(history);
        public void Update(ReadOnlySpan<byte> history, byte symbol) => inner.Update(history, symbol);

        public Opinion Blend(ReadOnlySpan<byte> history, Span<double> probs, Span<double> scratch)
        {
            Opinion opinion = inner.Blend(history, probs, scratch);
            trace.AddRange([Hash(probs), opinion.Value.ToString(), Hex(opinion.Confidence)]);
            return opinion;
        }
    }

    /// <summary>The correction, recording the final distribution's hash.</summary>
    private sealed class TracedCorrection(ICorrectionStage inner, List<string> trace) : ICorrectionStage
    {
        public long AllocatedBytes => inner.AllocatedBytes;
        public void Update(byte symbol) => inner.Update(symbol);

        public void Correct(Span<double> probs, Opinion basis)
        {
            inner.Correct(probs, basis);
            trace.Add(Hash(probs));
        }
    }
}
