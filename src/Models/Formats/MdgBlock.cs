namespace Midicoth.Models.Formats;

/// <summary>
/// Where one block of a <c>.mdg</c> frame is and what it holds: the offset of its header in the file, the offset of
/// its content in the decompressed data, the content and payload lengths, and the content's CRC-32.
/// </summary>
public readonly record struct MdgBlock(long Offset, long ContentOffset, int ContentLength, int PayloadLength, uint Crc)
{
    /// <summary>The offset just after the block (its header, then its payload).</summary>
    public long End => Offset + MdgFrame.BlockHeaderSize + PayloadLength;

    /// <summary>The content offset just after the block's content.</summary>
    public long ContentEnd => ContentOffset + ContentLength;
}
