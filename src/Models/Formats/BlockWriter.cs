namespace Midicoth.Models.Formats;

/// <summary>
/// The compressing half of the block engine: takes content a block at a time, codes up to
/// <see cref="MdgOptions.Threads"/> blocks at once (blocks are independent: each is coded by fresh models), and
/// writes them to the frame in order. Memory stays bounded by that many blocks, whatever the input's length.
/// The span API, <see cref="MidicothStream"/> and the CLI all write frames through it.
/// </summary>
public sealed class BlockWriter
{
    private readonly MdgFrame.Writer _frame;
    private readonly ICodec _codec;
    private readonly int _threads;
    private readonly IProgress<long>? _progress;
    private readonly bool _index;
    private readonly List<byte[]> _batch = [];
    private long _written;

    /// <summary>Writes the frame header to <paramref name="output"/> at once.</summary>
    public BlockWriter(Stream output, ICodec codec, MdgOptions? options = null)
    {
        options ??= MdgOptions.Default;
        _frame = new MdgFrame.Writer(output, codec, options.BlockSizeFor(codec));
        _codec = codec;
        _threads = options.ThreadCount;
        _progress = options.Progress;
        _index = options.WriteIndex;
    }

    /// <summary>The size of a full block.</summary>
    public int BlockSize => _frame.BlockSize;

    /// <summary>Content bytes taken so far.</summary>
    public long ContentLength => _written + _batch.Sum(b => (long)b.Length);

    /// <summary>
    /// Takes one block of 1..<see cref="BlockSize"/> bytes, which the writer owns from now on; only the last block
    /// of a frame may be shorter than <see cref="BlockSize"/> if the output is to match a single-threaded run.
    /// </summary>
    public void Add(byte[] block)
    {
        if (block.Length == 0) return;
        if (block.Length > BlockSize) throw new ArgumentException("block larger than the frame's block size", nameof(block));
        _batch.Add(block);
        if (_batch.Count == _threads) Flush();
    }

    /// <summary>Codes and writes the blocks taken, then the end marker, the trailer and the index.</summary>
    public void Finish()
    {
        Flush();
        _frame.Finish(_index);
    }

    private void Flush()
    {
        if (_batch.Count == 0) return;
        byte[][] payloads = new byte[_batch.Count][];
        var progress = _progress == null ? null : new BatchProgress(_progress, _written, _batch.Count);
        List<byte[]> batch = _batch;
        ParallelBlocks.Run(batch.Count, i => payloads[i] = _codec.EncodePayload(batch[i], progress?.Slot(i)));
        for (int i = 0; i < _batch.Count; i++)
        {
            _frame.WriteCodedBlock(_batch[i], payloads[i]);
            _written += _batch[i].Length;
        }
        _batch.Clear();
        _progress?.Report(_written);
    }

    /// <summary>
    /// Compresses everything <paramref name="source"/> holds into a frame on <paramref name="output"/>; returns the
    /// content length. When the input's length is known and smaller than one block per thread, it is split evenly
    /// so that every thread has work (at some cost in ratio; see the README).
    /// </summary>
    public static long Compress(Stream source, Stream output, ICodec codec, MdgOptions? options = null, long? knownLength = null)
    {
        options ??= MdgOptions.Default;
        int threads = options.ThreadCount;
        int blockSize = options.BlockSizeFor(codec);
        if (threads > 1 && knownLength is long n && n < (long)threads * blockSize)
        {
            blockSize = (int)Math.Max(1 << 16, Math.Min(blockSize, (n + threads - 1) / threads));
        }
        var writer = new BlockWriter(output, codec, options with { BlockSize = blockSize });
        while (true)
        {
            var block = new byte[blockSize];
            int got = source.ReadAtLeast(block, blockSize, throwOnEndOfStream: false);
            if (got < blockSize) Array.Resize(ref block, got);
            writer.Add(block);
            if (got < blockSize) break;
        }
        writer.Finish();
        return writer.ContentLength;
    }
}
