namespace Midicoth.Models.BitWise;

/// <summary>
/// What every bit-wise stage knows about the position being coded: the bits of the current byte so far, the
/// bytes before it, the current and previous word, and what the match stage expects. One instance per model,
/// passed by reference to each stage; <see cref="Advance"/> moves it one bit on.
/// </summary>
public struct BitContext
{
    /// <summary>The current byte's bits so far behind a leading 1: 1 at a byte's start, 1xxxxxxx before its last bit.</summary>
    public int C0;

    /// <summary>How many bits of the current byte are known (0..7).</summary>
    public int BitCount;

    /// <summary>The last eight bytes, the latest in the low byte.</summary>
    public ulong Last8;

    /// <summary>The eight bytes before those.</summary>
    public ulong Before8;

    /// <summary>A hash of the word being read (letters, case folded), 0 between words.</summary>
    public uint Word;

    /// <summary>A hash of the word before it.</summary>
    public uint PreviousWord;

    /// <summary>A hash of the word before that.</summary>
    public uint WordBeforePrevious;

    /// <summary>The match stage's current match length (0: none, or its prediction failed in this byte).</summary>
    public int MatchLength;

    /// <summary>The byte the match stage expects (valid while <see cref="MatchLength"/> &gt; 0).</summary>
    public int ExpectedByte;

    /// <summary>
    /// How many hashed contexts have seen the current node before (counted by the context maps as they predict,
    /// when <see cref="CountKnown"/>; 0 again after each bit).
    /// </summary>
    public int Known;

    /// <summary>Whether the context maps count <see cref="Known"/>: set when a stage reads it (mixer2's last selector), so that others do not pay for it.</summary>
    public bool CountKnown;

    /// <summary>How many bytes have been coded.</summary>
    public long Position;

    public static BitContext Start => new() { C0 = 1 };

    /// <summary>Appends <paramref name="bit"/>; true when it completed a byte (then <see cref="LastByte"/> is it).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool Advance(int bit)
    {
        Known = 0;
        C0 = C0 * 2 + bit;
        if (++BitCount < 8) return false;
        int c = C0 & 255;
        C0 = 1;
        BitCount = 0;
        Before8 = (Before8 << 8) | (Last8 >> 56);
        Last8 = (Last8 << 8) | (uint)c;
        Position++;
        int letter = c >= 'A' && c <= 'Z' ? c + 32 : c;
        if ((letter >= 'a' && letter <= 'z') || c >= 128)
        {
            Word = (Word + (uint)letter + 1) * 0x2F0B4C3Du;
        }
        else if (Word != 0)
        {
            WordBeforePrevious = PreviousWord;
            PreviousWord = Word;
            Word = 0;
        }
        return true;
    }

    /// <summary>The byte completed last.</summary>
    public readonly int LastByte => (int)(Last8 & 255);

    /// <summary>Whether the expected byte agrees with the current byte's bits so far.</summary>
    public readonly bool ExpectationHolds
    {
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        get => MatchLength > 0 && ((ExpectedByte | 256) >> (8 - BitCount)) == C0;
    }

    /// <summary>The bit the match stage expects next (valid when <see cref="ExpectationHolds"/>).</summary>
    public readonly int ExpectedBit
    {
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        get => (ExpectedByte >> (7 - BitCount)) & 1;
    }
}
