namespace Midicoth.Models.Deflate;

/// <summary>
/// What our deflate encoder needs to rebuild a stream as the encoder that made it did: zlib's level (1..9), window
/// bits (9..15) and memory level (1..9), or the flavour of GNU gzip, whose deflate is zlib's ancestor and differs
/// in small ways (its buffers are those of memory level 9 with a 15-bit hash, and it ends some blocks early).
/// Stored as two bytes in a transform's side data; every value is checked when read back.
/// </summary>
public readonly record struct DeflateParameters(int Level, int WindowBits, int MemLevel, bool Gzip)
{
    /// <summary>zlib's defaults for a level: 32 KiB window, memory level 8.</summary>
    public static DeflateParameters Zlib(int level) => new(level, 15, 8, false);

    /// <summary>GNU gzip at a level (<c>gzip -9</c>: 9).</summary>
    public static DeflateParameters GnuGzip(int level) => new(level, 15, 8, true);

    /// <summary>Why the values cannot be used, or null.</summary>
    public string? Problem() =>
        Level is < 1 or > 9 ? $"level {Level}" :
        WindowBits is < 9 or > 15 ? $"window bits {WindowBits}" :
        MemLevel is < 1 or > 9 ? $"memory level {MemLevel}" :
        Gzip && (WindowBits != 15 || MemLevel != 8) ? "a gzip flavour with other buffers" : null;

    /// <summary>The two bytes that store them: level and gzip flag; window bits and memory level.</summary>
    public (byte, byte) ToBytes() => ((byte)(Level | (Gzip ? 0x80 : 0)), (byte)(WindowBits << 4 | MemLevel));

    public static DeflateParameters FromBytes(byte first, byte second) => new(first & 0x7F, second >> 4, second & 0xF, (first & 0x80) != 0);
}
