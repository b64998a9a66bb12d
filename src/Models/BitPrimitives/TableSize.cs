namespace Midicoth.Models.BitPrimitives;

/// <summary>
/// How big a table is allocated. A topology declares each table's size (<c>Bits</c>: 2^Bits bytes), which is
/// what memory limits are checked against; a block shorter than the table needs gets a smaller one, since a
/// byte touches at most a few slots per context. Both ends know the block length, so both size alike. Measured
/// on the corpus: 16 bytes of table per input byte and context (32 for the two word contexts) compress as well
/// as 64; 4 lost 0.1%.
/// </summary>
public static class TableSize
{
    /// <summary>2^<paramref name="bits"/> bytes, or less for short input: the power of two ≥ <paramref name="bytesPerInputByte"/> × length (at least 64 KiB).</summary>
    /// <remarks>The rule is the catalog's (<c>StageCatalog.TableSlotsFor</c>), which the decoder's memory check counts with.</remarks>
    public static long For(int bits, long inputLength, int bytesPerInputByte) => StageCatalog.TableSlotsFor(bits, inputLength, bytesPerInputByte);
}
