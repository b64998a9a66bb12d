using System.Runtime.CompilerServices;

namespace Midicoth.Models.Mixing;

/// <summary>
/// A mixer's learning rate, which falls as the mixer learns: from 4·RATE to RATE, halfway there after
/// <see cref="Halfway"/> bits, recomputed every <see cref="Step"/> bits. In sixteenths: 64·RATE to 16·RATE, at most
/// 512, so that errors stay within what <see cref="MixerStage.AdjustBlocks"/> computes exactly.
/// <para>
/// Why: a fixed rate was a compromise, lower suiting the large text files and higher the small and binary ones.
/// Measured (Max, mixer2 rate 6): the corpus −0.2%, five files outside it (text, Python, XML, Perl, an ELF binary)
/// −0.2%, each smaller. Falling further, to RATE/2, gained 440 bytes more on the corpus but lost 0.4% on the binary.
/// </para>
/// </summary>
public struct FallingRate
{
    private const int Halfway = 1 << 16;
    private const int Settled = 1 << 30;   // bits after which it stops being recomputed (RATE to within a sixteenth long before)
    private const int Step = 1024;

    private readonly int _rate;
    private int _trained;   // bits counted, up to Settled
    private int _sixteenths;

    /// <param name="rate">The rate where it settles (the mixer's RATE parameter).</param>
    public FallingRate(int rate)
    {
        _rate = rate;
        _sixteenths = After(0, rate);
    }

    /// <summary>The rate, in sixteenths, after <paramref name="trained"/> bits at parameter <paramref name="rate"/>.</summary>
    public static int After(int trained, int rate)
    {
        int low = 16 * rate, high = Math.Min(64 * rate, 512);
        return low + (int)((long)Math.Max(high - low, 0) * Halfway / (Halfway + (long)trained));
    }

    /// <summary>Counts one bit trained on (call before <see cref="Scale"/>, once a bit).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Count()
    {
        if (_trained < Settled && (++_trained & (Step - 1)) == 0) _sixteenths = After(_trained, _rate);
    }

    /// <summary><paramref name="error"/> (the bit minus the probability, 12 bits) times the current rate.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly int Scale(int error) => error * _sixteenths >> 4;
}
