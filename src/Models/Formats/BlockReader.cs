using System.Runtime.ExceptionServices;

namespace Midicoth.Models.Formats;

/// <summary>
/// The decompressing half of the block engine: reads a frame's blocks, decodes up to
/// <see cref="MdgOptions.Threads"/> of them at once, and hands out their contents in order. A block's content is
/// handed out only after its CRC has passed, and the last block only after the trailer (total length and CRC of
/// all content) has been checked as well. The span API, <see cref="MidicothStream"/> and the CLI read frames
/// through it.
/// </summary>
public sealed class BlockReader
{
    private readonly MdgFrame.Reader _frame;
    private readonly int _threads;
    private readonly IProgress<long>? _progress;
    private readonly Queue<byte[]> _ready = new();
    private long _handedOut;
    private bool _end;
    private ExceptionDispatchInfo? _pending; // a block's failure, thrown once the blocks before it are handed out

    /// <summary>
    /// Reads and checks the frame header from <paramref name="input"/> at once. <paramref name="codec"/> decodes the
    /// frame when it has that codec's topology; any other runs through the run-time pipeline.
    /// </summary>
    public BlockReader(Stream input, ICodec? codec = null, MdgOptions? options = null)
    {
        options ??= MdgOptions.Default;
        _frame = new MdgFrame.Reader(input, codec, options.MemoryLimit);
        _threads = options.ThreadCount;
        _progress = options.Progress;
    }

    /// <summary>The frame's topology.</summary>
    public Topology Topology => _frame.Topology;

    /// <summary>The next block's content, checked; null after the last block, once the trailer has been verified.</summary>
    public byte[]? Next()
    {
        if (_ready.Count == 0 && !_end) ReadBatch();
        if (_ready.Count == 0)
        {
            _pending?.Throw();
            return null;
        }
        byte[] content = _ready.Dequeue();
        _handedOut += content.Length;
        return content;
    }

    /// <summary>Writes every block to <paramref name="output"/>; returns the content length.</summary>
    public long CopyTo(Stream output)
    {
        while (Next() is { } content) output.Write(content);
        return _handedOut;
    }

    private void ReadBatch()
    {
        var batch = new List<MdgFrame.Reader.CodedBlock>(_threads);
        ExceptionDispatchInfo? readFailure = null; // a damaged block header or a cut-off payload after the good blocks
        while (batch.Count < _threads)
        {
            try
            {
                if (_frame.ReadCoded() is not { } coded)
                {
                    _end = true;
                    break;
                }
                batch.Add(coded);
            }
            catch (Exception e)
            {
                readFailure = ExceptionDispatchInfo.Capture(e);
                break;
            }
        }
        long before = _handedOut;
        var progress = _progress == null ? null : new BatchProgress(_progress, before, batch.Count);
        ParallelBlocks.Decoded decoded = ParallelBlocks.Decode(batch.Count, i => _frame.Decode(batch[i], progress?.Slot(i)));
        // In order: every block before the first that fails its check is handed out, that one's error is thrown
        // once they have been read, and nothing after it is.
        for (int i = 0; i < decoded.Good; i++) _frame.Accept(decoded.Contents[i]);
        ExceptionDispatchInfo? failure = decoded.Failure ?? readFailure;
        // Once the end marker has been read, the trailer (length and CRC of all content) is checked before the
        // last batch is handed out.
        if (failure == null && _end) _frame.Verify();
        for (int i = 0; i < decoded.Good; i++) _ready.Enqueue(decoded.Contents[i]);
        if (failure != null)
        {
            _pending = failure;
            _end = true;
        }
        _progress?.Report(before + decoded.Contents.Take(decoded.Good).Sum(c => (long)c.Length));
    }
}
