namespace Midicoth;

/// <summary>
/// The kinds of model a compressor can be composed of, in the order data flows through them. Each kind is an
/// entry of the stage catalog (<c>StageCatalog.cs</c>), which gives its role, parameters and model type.
/// </summary>
public enum StageKind
{
    /// <summary>PPM with PPM-C escapes and full exclusion (orders 0..<c>Order</c>); produces the base distribution.</summary>
    Ppm = 0,
    /// <summary>Match model: predicts the byte that followed the longest earlier occurrence of the current context.</summary>
    Match = 1,
    /// <summary>Word model: a trie of words seen so far, plus word bigrams between words.</summary>
    Word = 2,
    /// <summary>High-order context model (orders <c>MinOrder</c>..<c>MaxOrder</c>, 16-bit counts).</summary>
    HighOrder = 3,
    /// <summary>Tweedie denoiser: corrects the blended distribution in <c>Steps</c> steps; last. Also written <c>[Denoise]</c>.</summary>
    Denoise = 4,
}
