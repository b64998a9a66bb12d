using System.IO.Compression;
using System.Runtime.InteropServices;
using Midicoth.Models;

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
        Assert.SkipWhen(SharedData.Root == null, SharedData.MissingMessage);
        string tracePath = Path.Combine(SharedData.Root!, "conformance", "alice20k.trace.gz");
        using var reader = new StreamReader(new GZipStream(File.OpenRead(tracePath), CompressionMode.Decompress));
        byte[] text = File.ReadAllBytes(Path.Combine(SharedData.Root!, "corpus", "alice29.txt"));

        var ppm = new PpmModel(4);
        var match = new MatchModel();
        var word = new WordModel();
        var high = new HighOrderModel();
        var denoiser = new TweedieDenoiser(3);
        var probs = new double[256];
        var scratch = new double[256];
        var cum = new uint[257];
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
            var actual = new List<string> { i.ToString(), text[i].ToString() };

            ppm.Prepare(history);
            match.Prepare(history);
            high.Prepare(history);
            PipelineSteps.Base(ref ppm, history, probs, out double confidence, out int order);
            actual.AddRange([order.ToString(), Hex(confidence), Hash(probs)]);
            int predicted = match.Predict(history, out double matchConfidence);
            Blend.Match(probs, predicted, matchConfidence);
            actual.AddRange([Hash(probs), predicted.ToString(), Hex(matchConfidence)]);
            bool wordOk = word.Predict(scratch, out double wordConfidence);
            if (wordOk) Blend.Word(probs, scratch, wordConfidence);
            actual.AddRange([Hash(probs), wordOk ? "1" : "0", Hex(wordConfidence)]);
            bool highOk = high.Predict(history, scratch, out double highConfidence);
            if (highOk) Blend.HighOrder(probs, scratch, highConfidence);
            actual.AddRange([Hash(probs), highOk ? "1" : "0", Hex(highConfidence)]);
            uint total = PipelineSteps.Finish(ref denoiser, probs, order, confidence, cum);
            actual.AddRange([Hash(probs), total.ToString(), cum[text[i]].ToString(), cum[text[i] + 1].ToString()]);

            for (int f = 0; f < expected.Length; f++)
            {
                Assert.True(expected[f] == actual[f], $"byte {i}: {names[f]} is {actual[f]}, the reference has {expected[f]}");
            }

            denoiser.Update(text[i]);
            match.Update(history, text[i]);
            word.Update(text[i]);
            high.Update(history, text[i]);
            ppm.Update(history, text[i]);
            checkedLines++;
        }
        Assert.Equal(20_000, checkedLines);
    }
}
