using System.IO.Compression;

namespace Midicoth.Models.Formats;

/// <summary>
/// Compresses to or decompresses from a Midicoth frame (.mdg), in the manner of
/// <see cref="BrotliStream"/>: <see cref="CompressionMode.Compress"/> codes what is written, block by block;
/// <see cref="CompressionMode.Decompress"/> reads the frame block by block. Memory is bounded by the block size
/// (<see cref="MdgOptions.Threads"/> blocks of content and their models at a time), whatever the length of the
/// stream. Both directions run through the block engine (<see cref="BlockWriter"/>, <see cref="BlockReader"/>), as
/// the CLI does: with <see cref="MdgOptions.Threads"/> above 1, that many blocks are coded at once. Data is coded a
/// block at a time: <see cref="Flush"/> flushes the underlying stream but does not end a partial block; disposing a
/// compressing stream writes the last block and the trailer.
/// </summary>
public sealed class MidicothStream : Stream
{
    private readonly Stream _inner;
    private readonly CompressionMode _mode;
    private readonly bool _leaveOpen;
    private readonly ICodec? _codec;
    private readonly MdgOptions _options;
    private readonly BlockWriter? _writer;
    private byte[]? _pending;
    private int _pendingLength;
    private BlockReader? _reader;
    private ReadOnlyMemory<byte> _current;
    private bool _finished;
    private bool _disposed;

    /// <summary>A stream over <paramref name="stream"/> with the paper's compressor (through the run-time pipeline).</summary>
    public MidicothStream(Stream stream, CompressionMode mode, bool leaveOpen = false)
        : this(stream, mode, PipelineCodec.Paper, null, leaveOpen)
    {
    }

    /// <summary>
    /// A stream over <paramref name="stream"/>. Compressing uses <paramref name="codec"/>; decompressing uses
    /// <paramref name="codec"/> when the frame has its topology and the run-time pipeline otherwise.
    /// <paramref name="options"/> give the block size, the number of threads and a progress report.
    /// </summary>
    public MidicothStream(Stream stream, CompressionMode mode, ICodec codec, MdgOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(codec);
        _inner = stream;
        _mode = mode;
        _leaveOpen = leaveOpen;
        _codec = codec;
        _options = options ?? MdgOptions.Default;
        if (mode == CompressionMode.Compress)
        {
            if (!stream.CanWrite) throw new ArgumentException("the stream is not writable", nameof(stream));
            _writer = new BlockWriter(stream, codec, _options);
            _pending = new byte[Math.Min(_writer.BlockSize, 1 << 16)];
        }
        else if (mode == CompressionMode.Decompress)
        {
            if (!stream.CanRead) throw new ArgumentException("the stream is not readable", nameof(stream));
        }
        else
        {
            throw new ArgumentOutOfRangeException(nameof(mode));
        }
    }

    public override bool CanRead => _mode == CompressionMode.Decompress && !_disposed;
    public override bool CanWrite => _mode == CompressionMode.Compress && !_disposed;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        EnsureMode(CompressionMode.Compress);
        int blockSize = _writer!.BlockSize;
        while (buffer.Length > 0)
        {
            if (_pendingLength == _pending!.Length && _pending.Length < blockSize)
            {
                // Grow towards the block size only as data arrives, so small streams stay small.
                Array.Resize(ref _pending, (int)Math.Min(blockSize, _pending.Length * 2L));
            }
            int n = Math.Min(buffer.Length, _pending.Length - _pendingLength);
            buffer[..n].CopyTo(_pending.AsSpan(_pendingLength));
            _pendingLength += n;
            buffer = buffer[n..];
            if (_pendingLength == blockSize) FlushBlock();
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // Coding is CPU-bound: it runs on the caller's thread, as BrotliStream's does.
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    private void FlushBlock()
    {
        if (_pendingLength == 0) return;
        // The engine keeps the block until its batch is coded: hand it over and start a new one.
        byte[] block = _pending!;
        if (_pendingLength < block.Length) Array.Resize(ref block, _pendingLength);
        _writer!.Add(block);
        _pending = new byte[Math.Min(_writer.BlockSize, 1 << 16)];
        _pendingLength = 0;
    }

    public override void Flush()
    {
        if (_mode == CompressionMode.Compress && !_disposed) _inner.Flush();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        EnsureMode(CompressionMode.Decompress);
        while (_current.Length == 0)
        {
            if (_finished || buffer.Length == 0) return 0;
            _reader ??= new BlockReader(_inner, _codec, _options);
            byte[]? block = _reader.Next();
            if (block == null)
            {
                _finished = true;
                return 0;
            }
            _current = block;
        }
        int n = Math.Min(buffer.Length, _current.Length);
        _current.Span[..n].CopyTo(buffer);
        _current = _current[n..];
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    private void EnsureMode(CompressionMode mode)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_mode != mode) throw new InvalidOperationException($"this stream was opened to {_mode.ToString().ToLowerInvariant()}");
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            try
            {
                if (_mode == CompressionMode.Compress)
                {
                    FlushBlock();
                    _writer!.Finish();
                    _inner.Flush();
                }
            }
            finally
            {
                _disposed = true;
                if (!_leaveOpen) _inner.Dispose();
            }
        }
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
        await Task.CompletedTask.ConfigureAwait(false);
    }
}
