
namespace Midicoth.Tests;

public class WordModelTests
{
    private static (bool Ok, double Confidence, double[] Probs) PredictAfter(string text)
    {
        var word = new WordModel();
        var probs = new double[256];
        bool ok = false;
        double confidence = 0;
        foreach (char c in text)
        {
            ok = word.Predict(probs, out confidence);
            word.Update((byte)c);
        }
        ok = word.Predict(probs, out confidence);
        return (ok, confidence, probs);
    }

    [Fact]
    public void Completes_a_known_word_from_its_prefix()
    {
        var (ok, confidence, probs) = PredictAfter("hello help hello hel");
        Assert.True(ok);
        Assert.True(probs['l'] > probs['p'], "'hello' was seen twice, 'help' once");
        Assert.Equal(2 / 3.0, probs['l'], 12);
        Assert.True(confidence > 0.01);
    }

    [Fact]
    public void A_complete_known_word_predicts_its_end()
    {
        var (ok, _, probs) = PredictAfter("cat cats cat cat");
        Assert.True(ok);
        // "cat" continues with 's' once and ended twice as a word: boundary weight 2/(2+1) over 11 characters.
        Assert.Equal(1 / 3.0, probs['s'], 12);
        Assert.Equal(2 / 3.0 / 11, probs[' '], 12);
    }

    [Fact]
    public void Between_words_predicts_the_next_word_start()
    {
        var (ok, _, probs) = PredictAfter("the cat the dog the ");
        Assert.True(ok);
        Assert.Equal(0.5, probs['c'], 12);
        Assert.Equal(0.5, probs['d'], 12);
    }

    [Fact]
    public void Unknown_prefix_has_no_opinion()
    {
        var (ok, confidence, _) = PredictAfter("hello wor");
        Assert.False(ok);
        Assert.Equal(0.0, confidence);
    }

    [Fact]
    public void Word_characters_are_the_64_of_the_reference()
    {
        int count = 0;
        for (int c = 0; c < 256; c++) if (WordModel.IsWordChar((byte)c)) count++;
        Assert.Equal(64, count);
    }
}
