namespace Midicoth.Models.Coders;

/// <summary>A whole bit-wise model (the bit step, <c>BitStep</c>), as the coding loop drives it (see <see cref="BitCoder"/>).</summary>
public interface IBitModel
{
    /// <summary>The 12-bit probability (1..4095) that the next bit is 1.</summary>
    int Predict();

    /// <summary>Learns the bit just coded.</summary>
    void Update(int bit);
}
