using System.Buffers.Binary;

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

    /// <summary>Writes the block's header as the frame stores it: content length, payload length, CRC-32.</summary>
    public void WriteHeader(Span<byte> head)
    {
        BinaryPrimitives.WriteInt32LittleEndian(head, ContentLength);
        BinaryPrimitives.WriteInt32LittleEndian(head[4..], PayloadLength);
        BinaryPrimitives.WriteUInt32LittleEndian(head[8..], Crc);
    }

    /// <summary>
    /// The block whose stored header is <paramref name="head"/> (12 bytes), found at <paramref name="offset"/> with
    /// its content at <paramref name="contentOffset"/>; checked (<see cref="MdgFrame.CheckBlockHeader"/>) before
    /// anything is allocated for it.
    /// </summary>
    internal static MdgBlock ReadHeader(ReadOnlySpan<byte> head, long offset, long contentOffset, int blockSize, Topology topology)
    {
        int length = BinaryPrimitives.ReadInt32LittleEndian(head);
        int payload = BinaryPrimitives.ReadInt32LittleEndian(head[4..]);
        MdgFrame.CheckBlockHeader(length, payload, blockSize, topology);
        return new MdgBlock(offset, contentOffset, length, payload, BinaryPrimitives.ReadUInt32LittleEndian(head[8..]));
    }
}
