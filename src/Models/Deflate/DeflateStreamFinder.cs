namespace Midicoth.Models.Deflate;

/// <summary>
/// Where deflate streams may start in a block, and with which parameters their encoder probably made them:
/// <list type="bullet">
/// <item>gzip members (1F 8B 08 and a valid header): GNU gzip, its level from the header's XFL byte, then zlib;</item>
/// <item>zlib streams (a valid two-byte header without a dictionary: PDF <c>FlateDecode</c>, PNG, many formats): zlib
/// with the header's window size and the levels its FLEVEL bits name, then the others;</item>
/// <item>zip local entries of method 8 (zip, docx/xlsx, jar, apk, nupkg): zlib and gzip-flavoured levels (Info-ZIP's deflate is gzip's).</item>
/// </list>
/// Each is only a candidate: the transform keeps a stream only if it inflates and our encoder, with one of these
/// guesses, rebuilds it bit for bit.
/// </summary>
internal static class DeflateStreamFinder
{
    /// <summary>A place where a raw deflate stream may start, and the parameters to try, most likely first.</summary>
    public readonly record struct Candidate(int Start, DeflateParameters[] Guesses);

    public static List<Candidate> Find(ReadOnlySpan<byte> data)
    {
        var found = new List<Candidate>();
        for (int i = 0; i + 2 < data.Length; i++)
        {
            byte b = data[i];
            if (b == 0x1F && data[i + 1] == 0x8B && GzipStart(data, i) is int gzip) found.Add(new(gzip, GzipGuesses(data[i + 8])));
            else if ((b & 0x0F) == 8 && (b >> 4) <= 7 && (b << 8 | data[i + 1]) % 31 == 0 && (data[i + 1] & 0x20) == 0)
                found.Add(new(i + 2, ZlibGuesses((b >> 4) + 8, data[i + 1] >> 6)));
            else if (b == (byte)'P' && ZipStart(data, i) is int zip) found.Add(new(zip, ZipGuesses));
        }
        return found;
    }

    /// <summary>The start of the deflate data of a gzip member at <paramref name="at"/>, or null if its header is not valid.</summary>
    private static int? GzipStart(ReadOnlySpan<byte> d, int at)
    {
        if (at + 10 > d.Length || d[at + 2] != 8 || (d[at + 3] & 0xE0) != 0) return null;
        int flags = d[at + 3];
        int p = at + 10;
        if ((flags & 4) != 0)
        {
            if (p + 2 > d.Length) return null;
            p += 2 + (d[p] | d[p + 1] << 8);
        }
        for (int zeroTerminated = 8; zeroTerminated <= 16; zeroTerminated <<= 1)
        {
            if ((flags & zeroTerminated) == 0) continue;
            while (p < d.Length && d[p] != 0) p++;
            p++;
        }
        if ((flags & 2) != 0) p += 2;
        return p < d.Length ? p : null;
    }

    /// <summary>The start of the data of a zip local entry of method 8 at <paramref name="at"/>, or null.</summary>
    private static int? ZipStart(ReadOnlySpan<byte> d, int at)
    {
        if (at + 30 > d.Length || d[at + 1] != (byte)'K' || d[at + 2] != 3 || d[at + 3] != 4 || d[at + 8] != 8 || d[at + 9] != 0) return null;
        int p = at + 30 + (d[at + 26] | d[at + 27] << 8) + (d[at + 28] | d[at + 29] << 8);
        return p < d.Length ? p : null;
    }

    /// <summary>
    /// The levels a gzip header's XFL byte allows: 2 is level 9 and 4 level 1 (gzip and zlib both say so), 0 any other
    /// (6, gzip's default, first). Each in gzip's flavour, then zlib's.
    /// </summary>
    private static DeflateParameters[] GzipGuesses(byte xfl)
    {
        int[] levels = xfl == 2 ? [9] : xfl == 4 ? [1] : [6, 2, 3, 4, 5, 7, 8];
        return [.. levels.SelectMany(l => new[] { DeflateParameters.GnuGzip(l), DeflateParameters.Zlib(l) })];
    }

    /// <summary>
    /// zlib writes its window size and its level's class (FLEVEL: 0 is level 1, 1 levels 2-5, 2 level 6, 3 levels 7-9)
    /// into the header, so only those are tried, with memory levels 8 (the default) and 9. An encoder that is not zlib
    /// writes the same header but cannot be rebuilt by trying more levels.
    /// </summary>
    private static DeflateParameters[] ZlibGuesses(int windowBits, int flevel)
    {
        int[] named = flevel switch { 0 => [1], 1 => [2, 3, 4, 5], 2 => [6], _ => [9, 7, 8] };
        return [.. named.SelectMany(l => new[] { new DeflateParameters(l, windowBits, 8, false), new DeflateParameters(l, windowBits, 9, false) })];
    }

    private static readonly DeflateParameters[] ZipGuesses =
    [
        DeflateParameters.Zlib(6), DeflateParameters.GnuGzip(6), DeflateParameters.Zlib(9), DeflateParameters.GnuGzip(9),
        DeflateParameters.Zlib(1), DeflateParameters.GnuGzip(1), DeflateParameters.Zlib(5), DeflateParameters.Zlib(8),
    ];
}
