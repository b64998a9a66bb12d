
namespace Midicoth.Tests;

public class PpmModelTests
{
    private static PpmModel Train(ReadOnlySpan<byte> text, int maxOrder = 4)
    {
        var ppm = new PpmModel(maxOrder);
        var probs = new double[256];
        for (int i = 0; i < text.Length; i++)
        {
            ppm.Prepare(text[..i]);
            ppm.Predict(text[..i], probs, out _, out _);
            ppm.Update(text[..i], text[i]);
        }
        return ppm;
    }

    [Fact]
    public void Escapes_by_method_C_and_excludes_lower_orders()
    {
        byte[] text = "aaaa"u8.ToArray();
        var ppm = Train(text);
        var probs = new double[256];
        ppm.Prepare(text);
        ppm.Predict(text, probs, out double confidence, out int order);

        // Order 3 ("aaa") has seen 'a' once: p(a) = 1/2, the escape 1/2 is spread over the 255 unseen symbols
        // ('a' is excluded at orders 2..0). Confidence is that context's total: 128 prior + 1.
        Assert.Equal(3, order);
        Assert.Equal(129.0, confidence);
        double sum = 0.5 + 255 * (0.5 / 255);
        Assert.Equal(0.5 * (1.0 / sum), probs['a'], 12);
        Assert.Equal(0.5 / 255 * (1.0 / sum), probs['b'], 12);
    }

    [Fact]
    public void First_byte_has_no_context()
    {
        var ppm = new PpmModel(4);
        var probs = new double[256];
        ppm.Prepare([]);
        ppm.Predict([], probs, out double confidence, out int order);
        Assert.Equal(-1, order);
        Assert.Equal(0.0, confidence);
        Assert.All(probs, p => Assert.Equal(1.0 / 256, p, 15));
    }

    [Fact]
    public void Each_order_stores_one_context_per_distinct_history_suffix()
    {
        var ppm = Train("abcabcabd"u8);
        Assert.Equal(1, ppm.ContextCount(0));
        Assert.Equal(3, ppm.ContextCount(1)); // a, b, c (d was never followed)
        Assert.Equal(3, ppm.ContextCount(2)); // ab, bc, ca
    }
}
