
namespace Midicoth.Tests;

public class HighOrderModelTests
{
    [Fact]
    public void Predicts_from_the_highest_order_seen_four_times()
    {
        byte[] text = "abcdefgh abcdefgh abcdefgh abcdefgh abcdefg"u8.ToArray();
        var model = new HighOrderModel();
        var probs = new double[256];
        for (int i = 0; i < text.Length; i++)
        {
            model.Prepare(text.AsSpan(0, i));
            model.Predict(text.AsSpan(0, i), probs, out _);
            model.Update(text.AsSpan(0, i), text[i]);
        }
        model.Prepare(text);
        Assert.True(model.Predict(text, probs, out double confidence));
        // Order 8 (" abcdefg") was seen 3 times only; order 7 ("abcdefg") 4 times, always followed by 'h',
        // which is just enough to predict, with a confidence that starts at 0.
        double inv = 1.0 / (4 + 1e-4 * 256);
        Assert.Equal((4 + 1e-4) * inv, probs['h'], 15);
        Assert.Equal(1e-4 * inv, probs['x'], 15);
        Assert.Equal(0.0, confidence);
    }

    [Fact]
    public void Counts_wrap_at_16_bits_as_in_the_reference()
    {
        var model = new HighOrderModel(5, 5);
        var text = new byte[65_536 + 5 + 1];
        var probs = new double[256];
        for (int i = 0; i < text.Length - 1; i++)
        {
            model.Prepare(text.AsSpan(0, i));
            model.Predict(text.AsSpan(0, i), probs, out _);
            model.Update(text.AsSpan(0, i), 0);
        }
        // "00000" has been followed by 0 exactly 65,536 times: the 16-bit count is back to 0, the total is not.
        model.Prepare(text.AsSpan(0, text.Length - 1));
        Assert.True(model.Predict(text.AsSpan(0, text.Length - 1), probs, out _));
        Assert.True(probs[0] < 1e-8, $"p(0) = {probs[0]}");
    }
}
