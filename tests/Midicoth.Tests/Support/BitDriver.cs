namespace Midicoth.Tests;

/// <summary>Drives one bit predictor alone over data, as the bit step calls it (predict, learn, end of byte), for tests of a single stage.</summary>
public static class BitDriver
{
    /// <summary>
    /// Codes <paramref name="data"/> through <paramref name="stage"/> (by reference, so a struct keeps what it learnt;
    /// a boxed stage can be passed as an <see cref="IBitPredictor"/> variable) and returns the context after it.
    /// </summary>
    public static BitContext Run<T>(ref T stage, ReadOnlySpan<byte> data) where T : IBitPredictor
    {
        var context = BitContext.Start;
        var inputs = new int[stage.InputCount];
        foreach (byte c in data)
        {
            for (int k = 7; k >= 0; k--)
            {
                int bit = (c >> k) & 1;
                stage.Predict(ref context, ref inputs[0]);
                stage.Update(ref context, bit);
                if (context.Advance(bit)) stage.EndByte(ref context);
            }
        }
        return context;
    }
}
