using System.Buffers.Binary;
using System.IO.Hashing;

namespace Midicoth.Models.Formats;

/// <summary>
/// The index at the end of a <c>.mdg</c> frame (version 2), which lets a reader find any block from the end of the
/// file, as xz's index and zstd's seek table do, without reading the blocks before it:
/// <code>
/// index:  "MDGI" · block count (u32) · per block: offset of its header (u64) · content length (u32) ·
///         payload length (u32) · CRC-32 of the content (u32)
/// footer: offset of the index (u64) · CRC-32 of the index (u32) · "MDGX"      — the last 16 bytes of the file
/// </code>
/// It follows the trailer and needs no seeking to write, so it is written to pipes too (20 bytes a block). A reader
/// trusts nothing in it: the CRC, the count, and the chain of offsets from the first block to the trailer must
/// all agree, and every block's header is compared with its entry before the block is decoded.
/// </summary>
public static class MdgIndex
{
    public const int EntrySize = 20;
    public const int FooterSize = 16;
    public static ReadOnlySpan<byte> IndexMagic => "MDGI"u8;
    public static ReadOnlySpan<byte> FooterMagic => "MDGX"u8;

    /// <summary>Bytes of the index and footer of a frame of <paramref name="blocks"/> blocks.</summary>
    public static int SizeFor(int blocks) => 8 + blocks * EntrySize + FooterSize;

    /// <summary>The index and footer of <paramref name="blocks"/>, the index to be written at <paramref name="indexOffset"/>.</summary>
    public static byte[] Serialize(IReadOnlyList<MdgBlock> blocks, long indexOffset)
    {
        var bytes = new byte[SizeFor(blocks.Count)];
        Span<byte> s = bytes;
        IndexMagic.CopyTo(s);
        BinaryPrimitives.WriteInt32LittleEndian(s[4..], blocks.Count);
        for (int i = 0; i < blocks.Count; i++)
        {
            Span<byte> e = s.Slice(8 + i * EntrySize, EntrySize);
            BinaryPrimitives.WriteInt64LittleEndian(e, blocks[i].Offset);
            BinaryPrimitives.WriteInt32LittleEndian(e[8..], blocks[i].ContentLength);
            BinaryPrimitives.WriteInt32LittleEndian(e[12..], blocks[i].PayloadLength);
            BinaryPrimitives.WriteUInt32LittleEndian(e[16..], blocks[i].Crc);
        }
        int indexLength = bytes.Length - FooterSize;
        Span<byte> footer = s[indexLength..];
        BinaryPrimitives.WriteInt64LittleEndian(footer, indexOffset);
        BinaryPrimitives.WriteUInt32LittleEndian(footer[8..], Crc32.HashToUInt32(s[..indexLength]));
        FooterMagic.CopyTo(footer[12..]);
        return bytes;
    }

    /// <summary>
    /// Reads the footer (the last <see cref="FooterSize"/> bytes of a file of <paramref name="fileLength"/> bytes):
    /// the offset of the index, or null when there is no footer (a version 1 frame, or written without an index).
    /// </summary>
    public static long? IndexOffset(ReadOnlySpan<byte> footer, long fileLength)
    {
        if (footer.Length != FooterSize || !footer[12..].SequenceEqual(FooterMagic)) return null;
        long offset = BinaryPrimitives.ReadInt64LittleEndian(footer);
        if (offset < 0 || offset > fileLength - FooterSize - 8 || (fileLength - offset - FooterSize - 8) % EntrySize != 0)
        {
            throw new MidicothFormatException("corrupt index: its footer points outside the file");
        }
        return offset;
    }

    /// <summary>Checks an index and its footer (see <see cref="Parse"/>) against the blocks a reader found by reading the frame.</summary>
    public static void Verify(ReadOnlySpan<byte> indexAndFooter, long indexOffset, int blockSize, Topology topology, IReadOnlyList<MdgBlock> blocks)
    {
        MdgBlock[] index = Parse(indexAndFooter, indexOffset, blockSize, topology);
        if (!index.SequenceEqual(blocks)) throw new MidicothFormatException("corrupt index: it does not match the blocks");
    }

    /// <summary>
    /// Parses an index and its footer, found at <paramref name="indexOffset"/> of a frame whose blocks have at most
    /// <paramref name="blockSize"/> bytes. Checks the CRC, the count, that the blocks follow one another from the
    /// first (whose offset is that of the first entry) to the trailer, which ends where the index starts.
    /// </summary>
    public static MdgBlock[] Parse(ReadOnlySpan<byte> indexAndFooter, long indexOffset, int blockSize, Topology topology)
    {
        if (indexAndFooter.Length < SizeFor(0) || !indexAndFooter[..4].SequenceEqual(IndexMagic))
        {
            throw new MidicothFormatException("corrupt index: bad magic");
        }
        int count = BinaryPrimitives.ReadInt32LittleEndian(indexAndFooter[4..]);
        if (count < 0 || SizeFor(count) != indexAndFooter.Length) throw new MidicothFormatException("corrupt index: wrong block count");
        int indexLength = indexAndFooter.Length - FooterSize;
        ReadOnlySpan<byte> footer = indexAndFooter[indexLength..];
        if (!footer[12..].SequenceEqual(FooterMagic) || BinaryPrimitives.ReadInt64LittleEndian(footer) != indexOffset)
        {
            throw new MidicothFormatException("corrupt index: bad footer");
        }
        if (BinaryPrimitives.ReadUInt32LittleEndian(footer[8..]) != Crc32.HashToUInt32(indexAndFooter[..indexLength]))
        {
            throw new MidicothFormatException("corrupt index: checksum mismatch");
        }
        var blocks = new MdgBlock[count];
        long contentOffset = 0;
        long expected = -1;
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> e = indexAndFooter.Slice(8 + i * EntrySize, EntrySize);
            long offset = BinaryPrimitives.ReadInt64LittleEndian(e);
            int length = BinaryPrimitives.ReadInt32LittleEndian(e[8..]);
            int payload = BinaryPrimitives.ReadInt32LittleEndian(e[12..]);
            uint crc = BinaryPrimitives.ReadUInt32LittleEndian(e[16..]);
            if ((expected >= 0 && offset != expected) || offset < 0 || length < 1) throw new MidicothFormatException("corrupt index: blocks do not follow one another");
            MdgFrame.CheckBlockHeader(length, payload, blockSize, topology);
            blocks[i] = new MdgBlock(offset, contentOffset, length, payload, crc);
            contentOffset += length;
            expected = blocks[i].End;
        }
        if (count > 0 && expected + MdgFrame.TrailerSize != indexOffset)
        {
            throw new MidicothFormatException("corrupt index: the blocks do not end at the trailer");
        }
        return blocks;
    }
}
