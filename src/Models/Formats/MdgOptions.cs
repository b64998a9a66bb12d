namespace Midicoth.Models.Formats;

/// <summary>How a <c>.mdg</c> frame is written or read: the span API, <see cref="MidicothStream"/> and the CLI take these.</summary>
public sealed record MdgOptions
{
    /// <summary>The options used when none are given: the topology's block size, one thread, no progress.</summary>
    public static MdgOptions Default { get; } = new();

    /// <summary>
    /// Bytes of content per block when compressing (1 .. <see cref="MdgFrame.MaxBlockSize"/>); null (the default):
    /// the topology's own, <see cref="MdgFrame.DefaultBlockSizeFor"/>.
    /// </summary>
    public int? BlockSize { get; init; }

    /// <summary>
    /// How many blocks are coded at once, each on its own thread (0: one per core). Memory grows with it: each
    /// block in flight holds its content and its models. Default 1.
    /// </summary>
    public int Threads { get; init; } = 1;

    /// <summary>
    /// Hears the bytes of content coded so far in the frame (every 64 KiB and after each block). With several
    /// threads it is called from each of them, one call at a time.
    /// </summary>
    public IProgress<long>? Progress { get; init; }

    /// <summary>
    /// Whether a compressed frame ends with an index of its blocks (<see cref="MdgIndex"/>), which lets
    /// <see cref="MidicothReader"/> read any range by decoding only the blocks it covers. It costs 20 bytes a block
    /// and needs no seeking, so it is written to pipes too, as xz writes its index. Default true.
    /// </summary>
    public bool WriteIndex { get; init; } = true;

    /// <summary>
    /// The most memory a frame's models may ask for when decoding (a bit-wise topology's tables follow from its
    /// text): a frame above it is refused with an error before anything is allocated, as xz and zstd refuse a
    /// dictionary above their limit. Default 1 GiB; the CLI's <c>--memory SIZE</c> sets it.
    /// </summary>
    public long MemoryLimit { get; init; } = DefaultMemoryLimit;

    /// <summary>The default <see cref="MemoryLimit"/>: 1 GiB.</summary>
    public const long DefaultMemoryLimit = StageCatalog.DefaultMemoryLimit;

    /// <summary>A memory need or limit as every message states it: whole MiB, rounded up ("1025 MiB").</summary>
    public static string DescribeMemory(long bytes) => $"{StageCatalog.MebibytesRoundedUp(bytes)} MiB";

    /// <summary><see cref="BlockSize"/> with null resolved to <paramref name="codec"/>'s default.</summary>
    internal int BlockSizeFor(ICodec codec) => BlockSize ?? MdgFrame.DefaultBlockSizeFor(codec);

    /// <summary><see cref="Threads"/> with 0 resolved to the number of cores.</summary>
    internal int ThreadCount => Threads > 0 ? Threads : Environment.ProcessorCount;
}
