using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Midicoth.Models.Formats;

/// <summary>
/// Our own file frame (<c>.mdg</c>): what MDC7 lacks — a format version, the topology, lengths and checksums —
/// in blocks, so that input of unknown length can be written as it comes and memory stays bounded, and with an
/// index at the end, so that a reader can find any block without reading the ones before it.
/// <code>
/// magic "MDG" 0x1A · version 3 · topology (stage count, then per stage its kind and parameter values, a byte
///   each: <see cref="TopologyBytes"/>) · block size (u32)
/// block*: content length (u32, 1..block size) · payload length (u32) · CRC-32 of the content (u32) · payload
/// end: u32 0 · total content length (u64) · CRC-32 of all content (u32)
/// index (optional; see <see cref="MdgIndex"/>): "MDGI" · block count (u32) · per block: offset of its header
///   (u64) · content length (u32) · payload length (u32) · CRC-32 (u32)
/// footer (with the index): offset of the index (u64) · CRC-32 of the index (u32) · "MDGX"
/// </code>
/// All integers little-endian. Each block is coded by fresh models, so blocks are independent. A reader checks
/// everything it can before it allocates: magic, version, topology, that the block size is sane, and that each
/// block's length is within the block size and could have been coded in its payload. Versions 1 (no index) and
/// 2 (the topology as its text: length byte, ASCII canonical text) are read as well.
/// </summary>
public static class MdgFrame
{
    /// <summary>The version written: 3 (the topology in bytes; may end with an index, as 2 may). Readers take 1 to 3.</summary>
    public const byte Version = 3;
    public const byte FirstVersion = 1;
    /// <summary>The block size of byte-wise topologies: their tables grow with the block, so blocks stay small.</summary>
    public const int DefaultBlockSize = 4 << 20;

    /// <summary>
    /// The block size of bit-wise topologies. Their tables have a fixed size, so a longer block costs only its
    /// buffers and lets the model keep learning: measured on a 7.6 MB XML file, one 16 MiB block gave 3.3% less
    /// than two 4 MiB ones, with less peak memory (one set of tables instead of two in turn).
    /// </summary>
    public const int DefaultBitWiseBlockSize = 16 << 20;

    public const int MaxBlockSize = 256 << 20;

    /// <summary>The block size used for <paramref name="codec"/> when none is given.</summary>
    public static int DefaultBlockSizeFor(ICodec codec) =>
        Topology.Parse(codec.Topology).IsBitWise ? DefaultBitWiseBlockSize : DefaultBlockSize;

    /// <summary>Bytes of a block's header: content length, payload length, CRC-32.</summary>
    public const int BlockHeaderSize = 12;

    /// <summary>Bytes of the end marker and trailer: u32 0, total length, CRC-32 of all content.</summary>
    public const int TrailerSize = 16;

    public static ReadOnlySpan<byte> Magic => [(byte)'M', (byte)'D', (byte)'G', 0x1A];

    public static bool HasMagic(ReadOnlySpan<byte> data) => data.Length >= 4 && data[..4].SequenceEqual(Magic);

    /// <summary>The fixed part of a frame: version, topology and block size, and how many bytes it takes.</summary>
    public sealed record Header(byte FrameVersion, Topology Topology, int BlockSize, int Size)
    {
        /// <summary>Reads and checks a frame header; <paramref name="readExactly"/> reads exactly that many bytes or throws.</summary>
        internal static Header Read(Action<Memory<byte>, string> readExactly)
        {
            var fixedPart = new byte[5];
            readExactly(fixedPart, "header");
            if (!fixedPart.AsSpan(0, 4).SequenceEqual(Magic)) throw new MidicothFormatException("not a Midicoth frame (bad magic)");
            if (fixedPart[4] is < FirstVersion or > Version)
            {
                throw new MidicothFormatException($"unsupported frame version {fixedPart[4]} (this tool reads versions {FirstVersion} to {Version})");
            }
            Topology parsed;
            int topologySize;
            if (fixedPart[4] >= 3)
            {
                (parsed, topologySize) = TopologyBytes.Read(readExactly);
            }
            else
            {
                var length = new byte[1];
                readExactly(length, "header");
                var topology = new byte[length[0]];
                readExactly(topology, "header");
                string text = Encoding.ASCII.GetString(topology);
                if (!Composition.Topology.TryParse(text, out Topology? fromText, out string? error) || fromText!.Text != text)
                {
                    // The text came from the file: quoted and escaped, so that no byte of it reaches the terminal raw.
                    throw new MidicothFormatException(
                        $"corrupt header: bad topology {UntrustedText.Quote(Encoding.Latin1.GetString(topology))} ({UntrustedText.Line(error ?? "not canonical")})");
                }
                parsed = fromText;
                topologySize = 1 + topology.Length;
            }
            var size = new byte[4];
            readExactly(size, "header");
            int blockSize = BinaryPrimitives.ReadInt32LittleEndian(size);
            if (blockSize < 1 || blockSize > MaxBlockSize) throw new MidicothFormatException($"corrupt header: block size {blockSize}");
            return new Header(fixedPart[4], parsed, blockSize, 5 + topologySize + 4);
        }
    }

    /// <summary>
    /// Checks a block header's fields before anything is allocated for the block: the content fits the block size
    /// and could have been coded in the payload, and the payload is not larger than any coder output can be.
    /// </summary>
    internal static void CheckBlockHeader(int length, int payloadLength, int blockSize, Topology topology)
    {
        if (length < 0 || length > blockSize) throw new MidicothFormatException($"corrupt block header: length {length} exceeds the block size {blockSize}");
        if (payloadLength < 0 || length > topology.MaxDecodedLength(payloadLength))
        {
            throw new MidicothFormatException($"corrupt block header: {length} bytes cannot be coded in {payloadLength} bytes");
        }
        if (payloadLength > topology.MaxPayloadLength(length))
        {
            // Even the worst prediction costs less than this (see Topology.MaxPayloadLength): no valid payload is this large.
            throw new MidicothFormatException($"corrupt block header: {payloadLength} payload bytes for {length} bytes of content");
        }
    }

    /// <summary>Decodes one block's payload with <paramref name="codec"/> and checks the content's CRC (thread-safe).</summary>
    internal static byte[] DecodeBlock(ICodec codec, byte[] payload, int length, uint crc, IProgress<long>? progress)
    {
        var content = new byte[length];
        codec.DecodePayload(payload, 0, payload.Length, content, progress);
        if (Crc32.HashToUInt32(content) != crc) throw new MidicothFormatException("corrupt data: block checksum mismatch");
        return content;
    }

    /// <summary>
    /// Refuses a topology whose models need more than <paramref name="limit"/> bytes, before anything is allocated
    /// for them (the size follows from the topology's text).
    /// </summary>
    internal static void CheckMemory(Topology topology, long blockLength, long limit)
    {
        long? needed = topology.MemoryBytesFor(blockLength);
        if (needed > limit)
        {
            throw new MidicothFormatException(
                $"memory limit: a block of {blockLength:N0} bytes of this file needs {MdgOptions.DescribeMemory(needed.Value)} for its models, above the limit of {MdgOptions.DescribeMemory(limit)} (raise it with --memory)");
        }
    }

    /// <summary>The codec that decodes a frame of <paramref name="topology"/>: <paramref name="preferred"/> when it has that topology, else the run-time pipeline.</summary>
    internal static ICodec CodecFor(Topology topology, ICodec? preferred) =>
        preferred != null && preferred.Topology == topology.Text ? preferred : new PipelineCodec(topology);

    /// <summary>Compresses <paramref name="data"/> into a complete frame, through the block engine (<see cref="BlockWriter"/>).</summary>
    public static byte[] Compress(ICodec codec, ReadOnlySpan<byte> data, MdgOptions? options = null)
    {
        using var stream = new MemoryStream();
        var writer = new BlockWriter(stream, codec, options);
        for (int offset = 0; offset < data.Length; offset += writer.BlockSize)
        {
            writer.Add(data.Slice(offset, Math.Min(writer.BlockSize, data.Length - offset)).ToArray());
        }
        writer.Finish();
        return stream.ToArray();
    }

    /// <summary>
    /// Decompresses a complete frame, through the block engine (<see cref="BlockReader"/>). <paramref name="codec"/>
    /// is used when the frame has its topology; any other topology is decoded by the run-time pipeline built from
    /// the frame's text.
    /// </summary>
    public static byte[] Decompress(ReadOnlySpan<byte> frame, ICodec? codec = null, MdgOptions? options = null)
    {
        using var input = new MemoryStream(frame.ToArray(), writable: false);
        using var output = new MemoryStream();
        new BlockReader(input, codec, options).CopyTo(output);
        return output.ToArray();
    }

    /// <summary>Writes a frame block by block, and at the end the trailer and (unless told not to) the index.</summary>
    public sealed class Writer
    {
        private readonly Stream _output;
        private readonly int _blockSize;
        private readonly Crc32 _crc = new();
        private readonly List<MdgBlock> _blocks = [];
        private long _total;
        private long _position; // bytes written so far: where the next block's header goes

        public Writer(Stream output, ICodec codec, int blockSize = DefaultBlockSize)
        {
            if (blockSize < 1 || blockSize > MaxBlockSize) throw new ArgumentOutOfRangeException(nameof(blockSize));
            _output = output;
            _blockSize = blockSize;
            byte[] topology = TopologyBytes.Of(Topology.Parse(codec.Topology));
            Span<byte> header = stackalloc byte[4 + 1 + topology.Length + 4];
            Magic.CopyTo(header);
            header[4] = Version;
            topology.CopyTo(header[5..]);
            BinaryPrimitives.WriteInt32LittleEndian(header[(5 + topology.Length)..], blockSize);
            output.Write(header);
            _position = header.Length;
        }

        public int BlockSize => _blockSize;

        /// <summary>Writes a block coded with this frame's codec (the block engine codes them, on any thread).</summary>
        public void WriteCodedBlock(ReadOnlySpan<byte> content, ReadOnlySpan<byte> payload)
        {
            var block = new MdgBlock(_position, _total, content.Length, payload.Length, Crc32.HashToUInt32(content));
            Span<byte> head = stackalloc byte[BlockHeaderSize];
            block.WriteHeader(head);
            _output.Write(head);
            _output.Write(payload);
            _blocks.Add(block);
            _position = block.End;
            _crc.Append(content);
            _total += content.Length;
        }

        /// <summary>Writes the end marker and the trailer, then the index unless <paramref name="index"/> is false.</summary>
        public void Finish(bool index = true)
        {
            Span<byte> trailer = stackalloc byte[TrailerSize];
            BinaryPrimitives.WriteInt32LittleEndian(trailer, 0);
            BinaryPrimitives.WriteInt64LittleEndian(trailer[4..], _total);
            BinaryPrimitives.WriteUInt32LittleEndian(trailer[12..], _crc.GetCurrentHashAsUInt32());
            _output.Write(trailer);
            _position += TrailerSize;
            if (index) _output.Write(MdgIndex.Serialize(_blocks, _position));
        }
    }

    /// <summary>Reads a frame block by block from any stream (a pipe too), checking each before allocating for it.</summary>
    public sealed class Reader
    {
        private readonly Stream _input;
        private readonly long _memoryLimit;
        private readonly Crc32 _crc = new();
        private readonly List<MdgBlock> _blocks = []; // as read, to check an index at the end against
        private long _total;          // content length accepted so far
        private long _pendingTotal;   // content length declared by the blocks read so far
        private long _position;       // bytes of the frame read so far
        private uint _expectedCrc;    // the trailer's checksum, once it has been read
        private bool _done;

        public Reader(Stream input, ICodec? codec = null, long memoryLimit = StageCatalog.DefaultMemoryLimit)
        {
            _input = input;
            _memoryLimit = memoryLimit;
            Header header = Header.Read((buffer, what) => ReadExactly(buffer.Span, what));
            Topology = header.Topology;
            BlockSize = header.BlockSize;
            FrameVersion = header.FrameVersion;
            Codec = CodecFor(header.Topology, codec);
        }

        public Topology Topology { get; }

        /// <summary>The codec that decodes this frame's blocks.</summary>
        public ICodec Codec { get; }

        public int BlockSize { get; }

        public byte FrameVersion { get; }

        /// <summary>Whether the frame ended with an index (known once the end has been read).</summary>
        public bool HasIndex { get; private set; }

        /// <summary>A block as stored: checked header and payload, not yet decoded.</summary>
        public readonly record struct CodedBlock(int Length, uint Crc, byte[] Payload);

        /// <summary>
        /// Reads the next block without decoding it (so that blocks can be decoded in parallel), or null after
        /// the last block. Decode each with <see cref="Decode"/>, then pass the contents to <see cref="Accept"/>
        /// in order: the trailer is checked against what was accepted.
        /// </summary>
        public CodedBlock? ReadCoded()
        {
            if (_done) return null;
            long offset = _position;
            // The content length first: 0 is the end marker, after which the trailer follows instead of a header.
            Span<byte> head = stackalloc byte[BlockHeaderSize];
            ReadExactly(head[..4], "block header");
            if (BinaryPrimitives.ReadInt32LittleEndian(head) == 0)
            {
                FinishFrame();
                return null;
            }
            ReadExactly(head[4..], "block header");
            MdgBlock block = MdgBlock.ReadHeader(head, offset, _pendingTotal, BlockSize, Topology);
            // What this block's models take, before its payload is read or anything allocated for it.
            CheckMemory(Topology, block.ContentLength, _memoryLimit);
            if (_input.CanSeek && block.PayloadLength > _input.Length - _input.Position) throw new MidicothFormatException("truncated input: a block's payload is cut off");
            byte[] payload = ReadPayload(block.PayloadLength);
            _blocks.Add(block);
            _pendingTotal += block.ContentLength;
            return new CodedBlock(block.ContentLength, block.Crc, payload);
        }

        /// <summary>Decodes a block read by <see cref="ReadCoded"/> and checks its CRC (thread-safe).</summary>
        public byte[] Decode(CodedBlock block, IProgress<long>? progress = null) =>
            DecodeBlock(Codec, block.Payload, block.Length, block.Crc, progress);

        /// <summary>Adds a decoded block's content to the frame's running length and checksum (in block order).</summary>
        public void Accept(ReadOnlySpan<byte> content)
        {
            _crc.Append(content);
            _total += content.Length;
        }

        private void FinishFrame()
        {
            Span<byte> trailer = stackalloc byte[TrailerSize - 4];
            ReadExactly(trailer, "trailer");
            long total = BinaryPrimitives.ReadInt64LittleEndian(trailer);
            uint crc = BinaryPrimitives.ReadUInt32LittleEndian(trailer[8..]);
            if (total != _pendingTotal) throw new MidicothFormatException($"corrupt trailer: {total} bytes declared, {_pendingTotal} in the blocks");
            _expectedCrc = crc;
            // One frame per file: after the trailer comes the index (version 2) or nothing; anything else is damage.
            int indexSize = MdgIndex.SizeFor(_blocks.Count);
            var rest = new byte[FrameVersion >= 2 ? indexSize + 1 : 1];
            int got = _input.ReadAtLeast(rest, rest.Length, throwOnEndOfStream: false);
            if (got > 0)
            {
                if (got != indexSize) throw new MidicothFormatException("corrupt input: unexpected data after the end of the frame");
                MdgIndex.Verify(rest.AsSpan(0, got), _position, BlockSize, Topology, _blocks);
                HasIndex = true;
            }
            _done = true;
        }

        /// <summary>After the last block: checks the accepted content against the trailer's length and CRC.</summary>
        public void Verify()
        {
            if (!_done) throw new InvalidOperationException("the frame has not been read to its end");
            if (_total != _pendingTotal) throw new InvalidOperationException("not every block was accepted");
            if (_expectedCrc != _crc.GetCurrentHashAsUInt32()) throw new MidicothFormatException("corrupt data: content checksum mismatch");
        }

        /// <summary>
        /// Reads a payload; on a stream of unknown length it grows as bytes arrive, so a header that claims a
        /// large payload on a short pipe costs no more memory than the bytes actually there.
        /// </summary>
        private byte[] ReadPayload(int length)
        {
            const int Chunk = 1 << 20;
            if (_input.CanSeek || length <= Chunk)
            {
                var payload = new byte[length];
                ReadExactly(payload, "block payload");
                return payload;
            }
            using var buffer = new MemoryStream();
            var chunk = new byte[Chunk];
            for (int remaining = length; remaining > 0; remaining -= Chunk)
            {
                Span<byte> part = chunk.AsSpan(0, Math.Min(Chunk, remaining));
                ReadExactly(part, "block payload");
                buffer.Write(part);
            }
            return buffer.ToArray();
        }

        private void ReadExactly(Span<byte> buffer, string what)
        {
            int read = _input.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            _position += read;
            if (read < buffer.Length) throw new MidicothFormatException($"truncated input: the {what} is cut off");
        }
    }
}
