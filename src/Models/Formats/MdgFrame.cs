using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Midicoth.Models.Formats;

/// <summary>
/// Our own file frame (<c>.mdg</c>): what MDC7 lacks — a format version, the topology, lengths and checksums —
/// in blocks, so that input of unknown length can be written as it comes and memory stays bounded.
/// <code>
/// magic "MDG" 0x1A · version 1 · topology length (1 byte) · topology text (ASCII, canonical) · block size (u32)
/// block*: content length (u32, 1..block size) · payload length (u32) · CRC-32 of the content (u32) · payload
/// end: u32 0 · total content length (u64) · CRC-32 of all content (u32)
/// </code>
/// All integers little-endian. Each block is coded by a fresh model, so blocks are independent. A reader checks
/// everything it can before it allocates: magic, version, topology, that the block size is sane, and that each
/// block's length is within the block size and could have been coded in its payload.
/// </summary>
public static class MdgFrame
{
    public const byte Version = 1;
    public const int DefaultBlockSize = 4 << 20;
    public const int MaxBlockSize = 256 << 20;
    public static ReadOnlySpan<byte> Magic => [(byte)'M', (byte)'D', (byte)'G', 0x1A];

    public static bool HasMagic(ReadOnlySpan<byte> data) => data.Length >= 4 && data[..4].SequenceEqual(Magic);

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

    /// <summary>Writes a frame block by block.</summary>
    public sealed class Writer
    {
        private readonly Stream _output;
        private readonly int _blockSize;
        private readonly Crc32 _crc = new();
        private long _total;

        public Writer(Stream output, ICodec codec, int blockSize = DefaultBlockSize)
        {
            if (blockSize < 1 || blockSize > MaxBlockSize) throw new ArgumentOutOfRangeException(nameof(blockSize));
            _output = output;
            _blockSize = blockSize;
            byte[] topology = Encoding.ASCII.GetBytes(codec.Topology);
            if (topology.Length is 0 or > 255) throw new ArgumentException("topology text must be 1..255 characters");
            Span<byte> header = stackalloc byte[4 + 1 + 1 + topology.Length + 4];
            Magic.CopyTo(header);
            header[4] = Version;
            header[5] = (byte)topology.Length;
            topology.CopyTo(header[6..]);
            BinaryPrimitives.WriteInt32LittleEndian(header[(6 + topology.Length)..], blockSize);
            output.Write(header);
        }

        public int BlockSize => _blockSize;

        /// <summary>Writes a block coded with this frame's codec (the block engine codes them, on any thread).</summary>
        public void WriteCodedBlock(ReadOnlySpan<byte> content, ReadOnlySpan<byte> payload)
        {
            Span<byte> head = stackalloc byte[12];
            BinaryPrimitives.WriteInt32LittleEndian(head, content.Length);
            BinaryPrimitives.WriteInt32LittleEndian(head[4..], payload.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(head[8..], Crc32.HashToUInt32(content));
            _output.Write(head);
            _output.Write(payload);
            _crc.Append(content);
            _total += content.Length;
        }

        /// <summary>Writes the end marker and the trailer.</summary>
        public void Finish()
        {
            Span<byte> trailer = stackalloc byte[16];
            BinaryPrimitives.WriteInt32LittleEndian(trailer, 0);
            BinaryPrimitives.WriteInt64LittleEndian(trailer[4..], _total);
            BinaryPrimitives.WriteUInt32LittleEndian(trailer[12..], _crc.GetCurrentHashAsUInt32());
            _output.Write(trailer);
        }
    }

    /// <summary>Reads a frame block by block, checking each before allocating for it.</summary>
    public sealed class Reader
    {
        private readonly Stream _input;
        private readonly Crc32 _crc = new();
        private long _total;          // content length accepted so far
        private long _pendingTotal;   // content length declared by the blocks read so far
        private uint _expectedCrc;    // the trailer's checksum, once it has been read
        private bool _done;

        public Reader(Stream input, ICodec? codec = null)
        {
            _input = input;
            Span<byte> fixedPart = stackalloc byte[6];
            ReadExactly(fixedPart, "header");
            if (!fixedPart[..4].SequenceEqual(Magic)) throw new MidicothFormatException("not a Midicoth frame (bad magic)");
            if (fixedPart[4] != Version) throw new MidicothFormatException($"unsupported frame version {fixedPart[4]} (this tool reads version {Version})");
            var topology = new byte[fixedPart[5]];
            ReadExactly(topology, "header");
            string text = Encoding.ASCII.GetString(topology);
            if (!Coding.Topology.TryParse(text, out Topology? parsed, out string? error) || parsed!.Text != text)
            {
                // The text came from the file: quoted and escaped, so that no byte of it reaches the terminal raw.
                throw new MidicothFormatException(
                    $"corrupt header: bad topology {UntrustedText.Quote(Encoding.Latin1.GetString(topology))} ({UntrustedText.Line(error ?? "not canonical")})");
            }
            Topology = parsed;
            Codec = codec != null && codec.Topology == text ? codec : new PipelineCodec(parsed);
            Span<byte> size = stackalloc byte[4];
            ReadExactly(size, "header");
            BlockSize = BinaryPrimitives.ReadInt32LittleEndian(size);
            if (BlockSize < 1 || BlockSize > MaxBlockSize) throw new MidicothFormatException($"corrupt header: block size {BlockSize}");
        }

        public Topology Topology { get; }

        /// <summary>The codec that decodes this frame's blocks.</summary>
        public ICodec Codec { get; }

        public int BlockSize { get; }

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
            Span<byte> head = stackalloc byte[4];
            ReadExactly(head, "block header");
            int length = BinaryPrimitives.ReadInt32LittleEndian(head);
            if (length == 0)
            {
                FinishFrame();
                return null;
            }
            Span<byte> rest = stackalloc byte[8];
            ReadExactly(rest, "block header");
            int payloadLength = BinaryPrimitives.ReadInt32LittleEndian(rest);
            uint crc = BinaryPrimitives.ReadUInt32LittleEndian(rest[4..]);
            if (length < 0 || length > BlockSize) throw new MidicothFormatException($"corrupt block header: length {length} exceeds the block size {BlockSize}");
            if (payloadLength < 0 || length > Mdc7Container.MaxDecodedLength(payloadLength))
            {
                throw new MidicothFormatException($"corrupt block header: {length} bytes cannot be coded in {payloadLength} bytes");
            }
            if (payloadLength > 2L * length + 64)
            {
                // Even the worst prediction costs under 15 bits a byte: no valid payload is this large.
                throw new MidicothFormatException($"corrupt block header: {payloadLength} payload bytes for {length} bytes of content");
            }
            if (_input.CanSeek && payloadLength > _input.Length - _input.Position) throw new MidicothFormatException("truncated input: a block's payload is cut off");
            byte[] payload = ReadPayload(payloadLength);
            _pendingTotal += length;
            return new CodedBlock(length, crc, payload);
        }

        /// <summary>Decodes a block read by <see cref="ReadCoded"/> and checks its CRC (thread-safe).</summary>
        public byte[] Decode(CodedBlock block, IProgress<long>? progress = null)
        {
            var content = new byte[block.Length];
            Codec.DecodePayload(block.Payload, 0, block.Payload.Length, content, progress);
            if (Crc32.HashToUInt32(content) != block.Crc) throw new MidicothFormatException("corrupt data: block checksum mismatch");
            return content;
        }

        /// <summary>Adds a decoded block's content to the frame's running length and checksum (in block order).</summary>
        public void Accept(ReadOnlySpan<byte> content)
        {
            _crc.Append(content);
            _total += content.Length;
        }

        private void FinishFrame()
        {
            Span<byte> trailer = stackalloc byte[12];
            ReadExactly(trailer, "trailer");
            long total = BinaryPrimitives.ReadInt64LittleEndian(trailer);
            uint crc = BinaryPrimitives.ReadUInt32LittleEndian(trailer[8..]);
            if (total != _pendingTotal) throw new MidicothFormatException($"corrupt trailer: {total} bytes declared, {_pendingTotal} in the blocks");
            _expectedCrc = crc;
            // One frame per file: anything after it is damage, not content (we do not concatenate frames).
            if (_input.ReadByte() >= 0) throw new MidicothFormatException("corrupt input: unexpected data after the end of the frame");
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
            if (read < buffer.Length) throw new MidicothFormatException($"truncated input: the {what} is cut off");
        }
    }
}
