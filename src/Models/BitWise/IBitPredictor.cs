namespace Midicoth.Models.BitWise;

/// <summary>
/// A bit-wise stage that feeds the mixer. Per bit: <see cref="Predict"/> writes its <see cref="InputCount"/>
/// inputs (stretched probabilities, see <see cref="Logistic"/>), then <see cref="Update"/> learns the bit (the
/// context still holds the bits before it); after a byte, <see cref="EndByte"/> sees the context with the new
/// byte appended. Generated codecs call the concrete struct directly; the run-time pipeline through this interface.
/// </summary>
public interface IBitPredictor
{
    /// <summary>How many mixer inputs the stage writes (fixed for the stage).</summary>
    int InputCount { get; }

    void Predict(ref BitContext context, ref int inputs);

    void Update(ref BitContext context, int bit);

    void EndByte(ref BitContext context);

    long AllocatedBytes { get; }
}

/// <summary>
/// A bit-wise stage that mixes the predictors' inputs into one probability (<see cref="MixerStage"/> or
/// <see cref="MixerNetworkStage"/>). The inputs end with the bias.
/// </summary>
public interface IBitMixer
{
    /// <summary>The value of the bias input, the last of the step's inputs: lets a weight set carry a probability of its own.</summary>
    const int Bias = 256;

    /// <summary>The 12-bit probability of a 1 that <paramref name="inputs"/> give in <paramref name="context"/>.</summary>
    int Mix(ReadOnlySpan<int> inputs, in BitContext context);

    /// <summary>Learns <paramref name="bit"/> from the inputs of the last <see cref="Mix"/>.</summary>
    void Train(ReadOnlySpan<int> inputs, int bit);

    /// <summary>Whether the mixer reads <see cref="BitContext.Known"/>, which the context maps then count.</summary>
    bool ReadsKnown { get; }

    long AllocatedBytes { get; }
}

/// <summary>A bit-wise stage that refines the mixer's probability (see <see cref="ApmStage"/>).</summary>
public interface IBitRefinement
{
    /// <summary>The refined 12-bit probability of a 1.</summary>
    int Refine(int p, in BitContext context);

    void Update(int bit);

    long AllocatedBytes { get; }
}
