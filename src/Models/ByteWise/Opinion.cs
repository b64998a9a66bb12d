namespace Midicoth.Models.ByteWise;

/// <summary>
/// What a stage said about the byte it predicted: a value and a confidence. For the base stage the value is the
/// context order it used (the denoiser's context, with the confidence); for the match model the predicted byte
/// (−1: none); for the word and high-order models 1 when they had an opinion and 0 when not. The step hands the
/// base's opinion to the correction; a trace records them all.
/// </summary>
public readonly record struct Opinion(int Value, double Confidence);
