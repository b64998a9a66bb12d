using System.Buffers.Binary;
using System.IO.Hashing;

namespace Midicoth.Models.Formats;

/// <summary>
/// Random access to a <c>.mdg</c> file: reads any byte range of the decompressed content by decoding only the
/// blocks that range covers, found through the index at the end of the frame (<see cref="MdgIndex"/>). A frame
/// without an index (version 1, or written with <c>WriteIndex = false</c>) is opened by walking its block headers,
/// which reads 12 bytes a block and decodes nothing. Blocks are decoded on up to <see cref="MdgOptions.Threads"/>
/// threads; each block's CRC is checked before any of its bytes is returned, and <see cref="CopyTo"/> also checks the
/// trailer (the length and CRC of all content).
/// <para>This is also how a distributed job splits a file: every worker opens it, takes <see cref="Blocks"/>, and
/// decodes its own share of them (each block is independent), or reads a content range with <see cref="Read"/>.</para>
/// </summary>
public sealed class MidicothReader : IDisposable
{
    private readonly Stream _file;
    private readonly bool _leaveOpen;
    private readonly ICodec _codec;
    private readonly int _threads;
    private readonly IProgress<long>? _progress;
    private readonly MdgBlock[] _blocks;
    private readonly uint _contentCrc; // the trailer's CRC-32 of all content, read once when opening
    private readonly Lock _io = new();

    /// <summary>Opens <paramref name="path"/> for random access.</summary>
    public static MidicothReader Open(string path, ICodec? codec = null, MdgOptions? options = null) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.RandomAccess), codec, options);

    /// <summary>
    /// Reads the header and the index of the frame in <paramref name="file"/> (seekable). <paramref name="codec"/>
    /// decodes the frame when it has that codec's topology; any other runs through the run-time pipeline.
    /// </summary>
    public MidicothReader(Stream file, ICodec? codec = null, MdgOptions? options = null, bool leaveOpen = false)
    {
        if (!file.CanSeek || !file.CanRead) throw new ArgumentException("random access needs a readable, seekable stream", nameof(file));
        _file = file;
        _leaveOpen = leaveOpen;
        options ??= MdgOptions.Default;
        _threads = options.ThreadCount;
        _progress = options.Progress;
        try
        {
            file.Position = 0;
            Header = MdgFrame.Header.Read((buffer, what) => ReadAt(file.Position, buffer.Span, what));
            _codec = MdgFrame.CodecFor(Header.Topology, codec);
            long? indexOffset = Header.FrameVersion >= 2 && file.Length >= Header.Size + MdgFrame.TrailerSize + MdgIndex.SizeFor(0)
                ? MdgIndex.IndexOffset(ReadBytes(file.Length - MdgIndex.FooterSize, MdgIndex.FooterSize, "index footer"), file.Length)
                : null;
            if (indexOffset is long at)
            {
                // Each block takes at least 13 bytes before the index, so a footer cannot make us read an index
                // larger than about 1.5 times the rest of the file.
                if ((file.Length - at - MdgIndex.SizeFor(0)) / MdgIndex.EntrySize > (at - Header.Size) / 13)
                {
                    throw new MidicothFormatException("corrupt index: more blocks than the file can hold");
                }
                _blocks = MdgIndex.Parse(ReadBytes(at, checked((int)(file.Length - at)), "index"), at, Header.BlockSize, Header.Topology);
                long first = _blocks.Length > 0 ? _blocks[0].Offset : at - MdgFrame.TrailerSize;
                if (first != Header.Size) throw new MidicothFormatException("corrupt index: the first block is not after the header");
                HasIndex = true;
            }
            else
            {
                _blocks = WalkBlocks();
            }
            // Before anything is allocated for decoding: what the largest block's models take.
            MdgFrame.CheckMemory(Header.Topology, _blocks.Length > 0 ? _blocks.Max(b => b.ContentLength) : 0, options.MemoryLimit);
            long trailerOffset = _blocks.Length > 0 ? _blocks[^1].End : Header.Size;
            Length = _blocks.Length > 0 ? _blocks[^1].ContentEnd : 0;
            _contentCrc = ReadTrailer(trailerOffset);
        }
        catch
        {
            if (!leaveOpen) file.Dispose();
            throw;
        }
    }

    /// <summary>The frame's header: version, topology, block size.</summary>
    public MdgFrame.Header Header { get; }

    /// <summary>The frame's topology.</summary>
    public Topology Topology => Header.Topology;

    /// <summary>Whether the frame has an index (otherwise the block headers were walked to find the blocks).</summary>
    public bool HasIndex { get; }

    /// <summary>The blocks, in order.</summary>
    public IReadOnlyList<MdgBlock> Blocks => _blocks;

    /// <summary>The length of the decompressed content.</summary>
    public long Length { get; }

    /// <summary>The length of the compressed file.</summary>
    public long FileLength => _file.Length;

    /// <summary>Decodes block <paramref name="index"/> and checks its CRC.</summary>
    public byte[] ReadBlock(int index, IProgress<long>? progress = null)
    {
        MdgBlock block = _blocks[index];
        byte[] stored = ReadBytes(block.Offset, MdgFrame.BlockHeaderSize + block.PayloadLength, "block");
        if (MdgBlock.ReadHeader(stored, block.Offset, block.ContentOffset, Header.BlockSize, Header.Topology) != block)
        {
            throw new MidicothFormatException($"corrupt index: block {index} does not match its header");
        }
        return MdgFrame.DecodeBlock(_codec, stored[MdgFrame.BlockHeaderSize..], block.ContentLength, block.Crc, progress);
    }

    /// <summary>
    /// Fills <paramref name="destination"/> with the content from <paramref name="offset"/> on (less at the end);
    /// returns the bytes read. Decodes only the blocks the range covers.
    /// </summary>
    public int Read(long offset, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (offset >= Length || destination.Length == 0) return 0;
        int count = (int)Math.Min(destination.Length, Length - offset);
        int first = BlockAt(offset), last = BlockAt(offset + count - 1);
        int done = 0;
        foreach (var (index, content) in Decode(first, last + 1))
        {
            MdgBlock block = _blocks[index];
            long from = Math.Max(offset, block.ContentOffset);
            long to = Math.Min(offset + count, block.ContentEnd);
            content.AsSpan((int)(from - block.ContentOffset), (int)(to - from)).CopyTo(destination[(int)(from - offset)..]);
            done += (int)(to - from);
        }
        return done;
    }

    /// <summary>The content from <paramref name="offset"/>, <paramref name="count"/> bytes (fewer at the end).</summary>
    public byte[] ReadRange(long offset, int count)
    {
        var buffer = new byte[Math.Max(0, Math.Min(count, Length - Math.Min(offset, Length)))];
        int n = Read(offset, buffer);
        return n == buffer.Length ? buffer : buffer[..n];
    }

    /// <summary>
    /// Writes the whole content to <paramref name="output"/>, decoding up to <see cref="MdgOptions.Threads"/> blocks at
    /// once; checks the trailer's length and CRC of all content; returns the content length.
    /// </summary>
    public long CopyTo(Stream output)
    {
        var crc = new Crc32();
        long written = 0;
        foreach (var (_, content) in Decode(0, _blocks.Length))
        {
            output.Write(content);
            crc.Append(content);
            written += content.Length;
        }
        if (crc.GetCurrentHashAsUInt32() != _contentCrc) throw new MidicothFormatException("corrupt data: content checksum mismatch");
        return written;
    }

    /// <summary>The index of the block holding content byte <paramref name="offset"/>.</summary>
    private int BlockAt(long offset)
    {
        int lo = 0, hi = _blocks.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) / 2;
            if (_blocks[mid].ContentOffset <= offset) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }

    /// <summary>Blocks <paramref name="from"/>..<paramref name="to"/>−1 decoded, in order, a batch of threads at a time.</summary>
    private IEnumerable<(int Index, byte[] Content)> Decode(int from, int to)
    {
        long before = from < _blocks.Length ? _blocks[from].ContentOffset : Length;
        for (int start = from; start < to; start += _threads)
        {
            int count = Math.Min(_threads, to - start);
            var progress = _progress == null ? null : new BatchProgress(_progress, before, count);
            int first = start;
            ParallelBlocks.Decoded decoded = ParallelBlocks.Decode(count, i => ReadBlock(first + i, progress?.Slot(i)));
            // Blocks before a damaged one are handed out; its error comes after them, nothing after it.
            for (int i = 0; i < decoded.Good; i++)
            {
                yield return (start + i, decoded.Contents[i]);
                before += decoded.Contents[i].Length;
            }
            decoded.Failure?.Throw();
            _progress?.Report(before);
        }
    }

    /// <summary>Finds the blocks of a frame without an index by reading each block's header and skipping its payload.</summary>
    private MdgBlock[] WalkBlocks()
    {
        var blocks = new List<MdgBlock>();
        long offset = Header.Size, content = 0;
        while (true)
        {
            // The content length first: 0 is the end marker, after which the trailer follows instead of a header.
            if (BinaryPrimitives.ReadInt32LittleEndian(ReadBytes(offset, 4, "block header")) == 0) break;
            MdgBlock block = MdgBlock.ReadHeader(ReadBytes(offset, MdgFrame.BlockHeaderSize, "block header"), offset, content, Header.BlockSize, Header.Topology);
            if (block.End > _file.Length) throw new MidicothFormatException("truncated input: a block's payload is cut off");
            blocks.Add(block);
            offset = block.End;
            content += block.ContentLength;
        }
        long end = offset + MdgFrame.TrailerSize;
        if (_file.Length < end) throw new MidicothFormatException("truncated input: the trailer is cut off");
        if (_file.Length > end)
        {
            // Only an index may follow, and then it must be whole and agree with the blocks (its footer was unreadable).
            if (Header.FrameVersion < 2 || _file.Length != end + MdgIndex.SizeFor(blocks.Count))
            {
                throw new MidicothFormatException("corrupt input: unexpected data after the end of the frame");
            }
            MdgIndex.Verify(ReadBytes(end, MdgIndex.SizeFor(blocks.Count), "index"), end, Header.BlockSize, Header.Topology, blocks);
        }
        return [.. blocks];
    }

    /// <summary>Checks the end marker and the trailer's total length against the blocks; returns its CRC of all content.</summary>
    private uint ReadTrailer(long offset)
    {
        byte[] trailer = ReadBytes(offset, MdgFrame.TrailerSize, "trailer");
        long total = BinaryPrimitives.ReadInt64LittleEndian(trailer.AsSpan(4));
        if (BinaryPrimitives.ReadInt32LittleEndian(trailer) != 0 || total != Length)
        {
            throw new MidicothFormatException($"corrupt trailer: {total} bytes declared, {Length} in the blocks");
        }
        return BinaryPrimitives.ReadUInt32LittleEndian(trailer.AsSpan(12));
    }

    private byte[] ReadBytes(long offset, int count, string what)
    {
        var buffer = new byte[count];
        ReadAt(offset, buffer, what);
        return buffer;
    }

    /// <summary>Reads exactly <paramref name="buffer"/>.Length bytes at <paramref name="offset"/> (one reader at a time).</summary>
    private void ReadAt(long offset, Span<byte> buffer, string what)
    {
        lock (_io)
        {
            if (offset < 0 || offset > _file.Length - buffer.Length) throw new MidicothFormatException($"truncated input: the {what} is cut off");
            _file.Position = offset;
            _file.ReadExactly(buffer);
        }
    }

    public void Dispose()
    {
        if (!_leaveOpen) _file.Dispose();
    }
}
