
namespace Midicoth.Tests;

public class MatchModelTests
{
    private static int PredictAfter(ref MatchModel match, ReadOnlySpan<byte> text, out double confidence)
    {
        confidence = 0;
        int predicted = -1;
        for (int i = 0; i <= text.Length; i++)
        {
            match.Prepare(text[..i]);
            predicted = match.Predict(text[..i], out confidence);
            if (i < text.Length) match.Update(text[..i], text[i]);
        }
        return predicted;
    }

    [Fact]
    public void Finds_the_byte_after_the_latest_occurrence_of_the_context()
    {
        var match = new MatchModel();
        int predicted = PredictAfter(ref match, "xyzabcdQ....abcd"u8, out double confidence);
        Assert.Equal('Q', predicted);
        // A new match of length 4 predicts with hits/total · min(4/6, 0.9) = 1/2 · 2/3.
        Assert.Equal(0.5 * (4 / 6.0), confidence, 15);
    }

    [Fact]
    public void Longer_contexts_win_and_continuing_matches_gain_confidence()
    {
        var match = new MatchModel();
        int predicted = PredictAfter(ref match, "0123456789ABCDEF_0123456789ABCDEF"u8, out double confidence);
        Assert.Equal('_', predicted);
        Assert.True(confidence > 0.5, $"confidence {confidence}");
    }

    [Fact]
    public void No_prediction_without_history()
    {
        var match = new MatchModel();
        Assert.Equal(-1, PredictAfter(ref match, "abc"u8, out double confidence));
        Assert.Equal(0.0, confidence);
    }
}
