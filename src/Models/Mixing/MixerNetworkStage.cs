using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Midicoth.Models.Mixing;

/// <summary>
/// Two-layer mixer (<c>mixer2:SETS-RATE</c>): the inputs are mixed SETS times, each time with a weight set chosen
/// by a different small context, and a second, small mixer (weights chosen by the bits of the byte so far with the
/// match state) mixes those SETS opinions into one. Each first-layer mix learns from its own error at a rate that
/// falls from 4·RATE to RATE as it learns, the second layer at a fixed slower rate; so a context in which one
/// selector's weights know better is heard more (paq8's final layer).
/// The selectors, the first SETS of: the bits so far with the match state (as <c>mixer:3</c>), the last byte with
/// the bit position, the byte before it, the bit position with the last byte's high nibble, the bit position with
/// how many context maps have seen the node before (<see cref="BitContext.Known"/>: how much of the context is new),
/// the last two bytes hashed to 1,024 sets.
/// Integer arithmetic as in <see cref="MixerStage"/> (whose steps it uses): the same bytes everywhere.
/// </summary>
public struct MixerNetworkStage : IBitMixer
{
    private const int FinalRate = 2;

    private readonly int[] _weights;       // every selector's rows, one after another
    private readonly int[] _final;         // Mixer2FinalRows rows of SETS weights
    private readonly int[] _opinions;      // the first layer's stretched outputs, the second layer's inputs
    private readonly int[] _probabilities; // the first layer's outputs
    private readonly int[] _rows;          // the row each selector chose
    private readonly int _sets;
    private FallingRate _rate;             // the first layer's
    private int _finalRow;
    private int _p;

    /// <param name="inputs">Inputs including the bias.</param>
    /// <param name="sets">How many first-layer weight sets are chosen and mixed again (1..6).</param>
    /// <param name="rate">The first layer's learning rate (where it settles; it starts at four times that: see <see cref="FallingRate"/>).</param>
    public MixerNetworkStage(int inputs, int sets, int rate)
    {
        StageCatalog.Mixer2.Require(sets, rate);
        _sets = sets;
        _rate = new FallingRate(rate);
        int rows = 0;
        for (int s = 0; s < sets; s++) rows += StageCatalog.Mixer2SelectorRows(s);
        _weights = new int[rows * inputs];
        _weights.AsSpan().Fill(1 << 12);   // 1/16: with tens of inputs, 1/4 each started far too sure (measured)
        _final = new int[StageCatalog.Mixer2FinalRows * sets];
        _final.AsSpan().Fill((1 << 16) / sets);
        _opinions = new int[sets];
        _probabilities = new int[sets];
        _rows = new int[sets];
    }


    public readonly long AllocatedBytes => (_weights.Length + _final.Length) * 4L;

    /// <summary>Whether it reads <see cref="BitContext.Known"/>: its fifth selector does.</summary>
    public readonly bool ReadsKnown => _sets >= 5;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Select(int selector, in BitContext context) => selector switch
    {
        0 => MixerStage.SetOf(3, context),
        1 => (int)(context.Last8 & 255) * 8 + context.BitCount,
        2 => (int)((context.Last8 >> 8) & 255),
        3 => context.BitCount * 16 + (int)((context.Last8 >> 4) & 15),
        4 => Math.Min(context.Known, 7) * 8 + context.BitCount,
        _ => (int)(((uint)(context.Last8 & 0xFFFF) * 0x9E3779B1u) >> 22),
    };

    public int Mix(ReadOnlySpan<int> inputs, in BitContext context)
    {
        ref int x = ref MemoryMarshal.GetReference(inputs);
        ref int weights = ref MemoryMarshal.GetArrayDataReference(_weights);
        int first = 0;
        for (int s = 0; s < _sets; s++)
        {
            int row = (first + Select(s, context)) * inputs.Length;
            _rows[s] = row;
            long dot = MixerStage.Dot(ref x, ref Unsafe.Add(ref weights, row), inputs.Length);
            int p = MixerStage.ProbabilityOf(dot);
            _probabilities[s] = p;
            _opinions[s] = Logistic.Stretch(p);
            first += StageCatalog.Mixer2SelectorRows(s);
        }
        _finalRow = MixerStage.SetOf(3, context) * _sets;   // the bits so far with the match state
        long mixed = MixerStage.Dot(ref MemoryMarshal.GetArrayDataReference(_opinions), ref _final[_finalRow], _sets);
        _p = MixerStage.ProbabilityOf(mixed);
        return _p;
    }

    public void Train(ReadOnlySpan<int> inputs, int bit)
    {
        _rate.Count();
        ref int x = ref MemoryMarshal.GetReference(inputs);
        ref int weights = ref MemoryMarshal.GetArrayDataReference(_weights);
        for (int s = 0; s < _sets; s++)
        {
            int error = _rate.Scale((bit << 12) - _probabilities[s]);
            MixerStage.AdjustAll(ref Unsafe.Add(ref weights, _rows[s]), ref x, inputs.Length, error);
        }
        MixerStage.AdjustAll(ref _final[_finalRow], ref MemoryMarshal.GetArrayDataReference(_opinions), _sets, ((bit << 12) - _p) * FinalRate);
    }
}
