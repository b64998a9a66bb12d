namespace Midicoth.Models.Deflate;

/// <summary>The fixed tables of the deflate format (RFC 1951): length and distance codes, their extra bits, the fixed trees.</summary>
internal static class DeflateTables
{
    public const int Literals = 256;
    public const int EndBlock = 256;
    public const int LengthCodes = 29;
    /// <summary>Literal/length codes: 256 literals, the end of block, 29 lengths.</summary>
    public const int LiteralCodes = Literals + 1 + LengthCodes;
    public const int DistanceCodes = 30;
    public const int BitLengthCodes = 19;
    public const int MaxBits = 15;
    public const int MaxBitLengthBits = 7;
    public const int MinMatch = 3;
    public const int MaxMatch = 258;

    public static readonly int[] LengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
    public static readonly int[] DistanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
    public static readonly int[] BitLengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 3, 7];

    /// <summary>The order in which a dynamic block sends the code lengths of the code-length code.</summary>
    public static readonly byte[] BitLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

    /// <summary>The first length (minus 3) of each length code, and of each distance (minus 1) code.</summary>
    public static readonly int[] LengthBase = new int[LengthCodes];
    public static readonly int[] DistanceBase = new int[DistanceCodes];

    /// <summary>The length code (0..28) of a match length minus 3 (0..255).</summary>
    public static readonly byte[] LengthCode = new byte[256];

    /// <summary>The fixed literal/length tree's code lengths (288 codes) and the fixed distance tree's (30, all 5).</summary>
    public static readonly int[] FixedLiteralLengths = new int[LiteralCodes + 2];
    public static readonly int[] FixedDistanceLengths = new int[DistanceCodes];

    /// <summary>The fixed trees' codes (<see cref="CanonicalCodes"/> of their lengths).</summary>
    public static readonly int[] FixedLiteralCodes, FixedDistanceCodes;

    static DeflateTables()
    {
        int length = 0;
        for (int code = 0; code < LengthCodes - 1; code++)
        {
            LengthBase[code] = length;
            for (int n = 0; n < 1 << LengthExtra[code]; n++) LengthCode[length++] = (byte)code;
        }
        // Length 258 (255 + 3) has a code of its own, 285, although 284 with its extra bits could also say it.
        LengthCode[255] = LengthCodes - 1;
        LengthBase[LengthCodes - 1] = 255;
        int distance = 0;
        for (int code = 0; code < DistanceCodes; code++)
        {
            DistanceBase[code] = distance;
            distance += 1 << DistanceExtra[code];
        }
        for (int n = 0; n < FixedLiteralLengths.Length; n++) FixedLiteralLengths[n] = n < 144 ? 8 : n < 256 ? 9 : n < 280 ? 7 : 8;
        Array.Fill(FixedDistanceLengths, 5);
        CanonicalCodes(FixedLiteralLengths, FixedLiteralCodes = new int[FixedLiteralLengths.Length]);
        CanonicalCodes(FixedDistanceLengths, FixedDistanceCodes = new int[FixedDistanceLengths.Length]);
    }

    /// <summary>The distance code (0..29) of a distance minus 1 (0..32767).</summary>
    public static int DistanceCode(int distanceMinusOne)
    {
        if (distanceMinusOne < 4) return distanceMinusOne;
        int bits = 31 - System.Numerics.BitOperations.LeadingZeroCount((uint)distanceMinusOne);
        return 2 * bits + ((distanceMinusOne >> (bits - 1)) & 1);
    }

    /// <summary>
    /// The canonical code of each symbol of <paramref name="lengths"/> (0: no code) into <paramref name="codes"/>,
    /// bit-reversed, as deflate sends them least significant bit first (zlib's gen_codes).
    /// </summary>
    public static void CanonicalCodes(ReadOnlySpan<int> lengths, Span<int> codes)
    {
        Span<int> count = stackalloc int[MaxBits + 1];
        foreach (int l in lengths) count[l]++;
        count[0] = 0;
        Span<int> next = stackalloc int[MaxBits + 1];
        int code = 0;
        for (int bits = 1; bits <= MaxBits; bits++)
        {
            code = (code + count[bits - 1]) << 1;
            next[bits] = code;
        }
        for (int n = 0; n < lengths.Length; n++)
        {
            int len = lengths[n];
            if (len != 0) codes[n] = Reverse(next[len]++, len);
        }
    }

    private static int Reverse(int code, int length)
    {
        int result = 0;
        for (int i = 0; i < length; i++)
        {
            result = (result << 1) | (code & 1);
            code >>= 1;
        }
        return result;
    }
}
