namespace Midicoth.Models.Coders;

/// <summary>
/// A complete byte model: predicts coder frequencies for the byte after a history, then learns the actual byte.
/// Encoder and decoder drive the same model through <see cref="SymbolCoder"/>, so they stay in step.
/// </summary>
public interface ISymbolModel
{
    /// <summary>Predicts the byte after <paramref name="history"/>; fills <see cref="Cumulative"/> and <see cref="Total"/>.</summary>
    void Predict(ReadOnlySpan<byte> history);

    /// <summary>Cumulative frequencies of the last prediction (257 entries).</summary>
    ReadOnlySpan<uint> Cumulative { get; }

    /// <summary>Cumulative[256].</summary>
    uint Total { get; }

    /// <summary>Learns that <paramref name="symbol"/> followed <paramref name="history"/>.</summary>
    void Update(ReadOnlySpan<byte> history, byte symbol);
}
