using System.Diagnostics;
using System.Reflection;
using Midicoth.Models.Composition;
using Midicoth.Models.Formats;

namespace Midicoth.Cli;

/// <summary>
/// The command-line front end every Midicoth tool shares: a tool is its codec plus a name (see the samples).
/// Conventions follow zstd and xz (see <see cref="Usage"/>). Errors are one line on stderr ("NAME: error: ...")
/// with an exit code from <see cref="ExitCodes"/>; no stack trace, no partial output, no overwritten file
/// unless -f.
/// </summary>
public sealed class CliHost(string toolName, ICodec codec)
{
    private const long ProgressThreshold = 1 << 20;

    public string ToolName { get; } = toolName;

    public ICodec Codec { get; } = codec;

    public TextWriter Out { get; init; } = Console.Out;

    public TextWriter Error { get; init; } = Console.Error;

    /// <summary>Standard input and output (replaceable for tests).</summary>
    public Func<Stream> OpenStdin { get; init; } = Console.OpenStandardInput;

    public Func<Stream> OpenStdout { get; init; } = Console.OpenStandardOutput;

    /// <summary>Whether stderr is a terminal (progress is shown only there).</summary>
    public bool ErrorIsTerminal { get; init; } = !Console.IsErrorRedirected;

    public bool OutputIsTerminal { get; init; } = !Console.IsOutputRedirected;

    private bool IsPaper => Mdc7Container.Supports(Codec);

    /// <summary>Runs the tool and returns its exit code.</summary>
    public int Run(string[] args)
    {
        using var cancel = new CtrlCGuard();
        try
        {
            CliOptions options = CliOptions.Parse(args);
            if (options.Help)
            {
                Out.Write(Usage());
                return ExitCodes.Success;
            }
            if (options.Version)
            {
                Out.WriteLine($"{ToolName} {Version} (topology {Codec.Topology})");
                return ExitCodes.Success;
            }
            // Resolved once, and only where something is compressed (a file to decode is judged by its own topology).
            ICodec compressor = options.Mode is CliMode.Compress or CliMode.Bench ? CompressorFor(options) : Codec;
            if (options.Format == "mdc7" && options.Mode == CliMode.Compress && !Mdc7Container.Supports(compressor))
            {
                throw new CliException(ExitCodes.Usage, $"MDC7 holds only the paper's topology; this is {compressor.Topology} (use --format mdg)");
            }
            return options.Mode switch
            {
                CliMode.Bench => Bench(options, compressor),
                CliMode.List => List(options),
                _ => ProcessAll(options, compressor),
            };
        }
        catch (CliException e)
        {
            return Fail(e.ExitCode, e.Message);
        }
    }

    private int Fail(int code, string message)
    {
        // One line, whatever the message holds (a file name or text from a damaged file): controls are escaped.
        Error.WriteLine($"{ToolName}: error: {UntrustedText.Line(message)}");
        return code;
    }

    /// <summary>Each input in turn; the first failure's code is returned after trying the rest (as gzip does).</summary>
    private int ProcessAll(CliOptions options, ICodec compressor)
    {
        if (options.Inputs.Count == 0) options.Inputs.Add("-");
        return EachInput(options, input => ProcessOne(options, compressor, input));
    }

    /// <summary>Runs <paramref name="work"/> on every input; a failure is reported and the rest still run; returns the first failure's code.</summary>
    private int EachInput(CliOptions options, Action<string> work)
    {
        int result = ExitCodes.Success;
        foreach (string input in options.Inputs)
        {
            try
            {
                work(input);
            }
            catch (Exception e) when (ToExitCode(e) is int code)
            {
                Fail(code, Describe(input, e));
                if (result == ExitCodes.Success) result = code;
            }
        }
        return result;
    }

    private static int? ToExitCode(Exception e) => e switch
    {
        CliException c => c.ExitCode,
        MidicothFormatException => ExitCodes.BadData,
        IOException or UnauthorizedAccessException => ExitCodes.Io,
        OutOfMemoryException => ExitCodes.Io,
        _ => null,
    };

    private static string Describe(string input, Exception e) => e switch
    {
        CliException => e.Message,
        FileNotFoundException => $"{input}: no such file",
        DirectoryNotFoundException => $"{input}: no such file or directory",
        OutOfMemoryException => $"{input}: not enough memory",
        _ => $"{(input == "-" ? "stdin" : input)}: {e.Message}",
    };

    private void ProcessOne(CliOptions options, ICodec compressor, string input)
    {
        bool fromStdin = input == "-";
        if (!fromStdin)
        {
            if (Directory.Exists(input)) throw new CliException(ExitCodes.Io, $"{input} is a directory");
            if (!File.Exists(input)) throw new CliException(ExitCodes.Io, $"{input}: no such file");
        }
        string? target = options.Mode == CliMode.Test ? null : OutputPath(options, input, fromStdin);
        if (target != null) SafeOutput.CheckWritable(target, options.Force);
        if (target == null && options.Mode == CliMode.Compress && OutputIsTerminal && !options.Force)
        {
            throw new CliException(ExitCodes.Usage, "refusing to write compressed data to a terminal (use -f, -o or a redirection)");
        }

        var clock = Stopwatch.StartNew();
        long inBytes = 0, outBytes = 0;
        using (Stream source = fromStdin ? OpenStdin() : new FileStream(input, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
        {
            long? knownLength = source.CanSeek ? source.Length : null;
            void Work(Stream sink)
            {
                var counting = new CountingStream(sink);
                // Percentages only when compressing a file of known length; decompression shows bytes and speed.
                long? progressTotal = options.Mode == CliMode.Compress ? knownLength : null;
                using (var progress = Progress.Start(this, options, fromStdin ? "stdin" : Path.GetFileName(input), progressTotal))
                {
                    inBytes = options.Mode switch
                    {
                        CliMode.Compress => Compress(options, compressor, source, counting, knownLength, progress),
                        _ => Decompress(source, counting, progress, options.Threads, options.MemoryLimit),
                    };
                }
                outBytes = counting.Written;
            }
            if (target == null)
            {
                if (options.Mode == CliMode.Test) Work(Stream.Null);
                else
                {
                    using Stream stdout = OpenStdout();
                    Work(stdout);
                }
            }
            else
            {
                SafeOutput.Write(target, options.Force, Work);
            }
        }
        // Like zstd, --rm needs a file output: a pipe's reader may not have taken everything yet.
        if (options.RemoveSource && !fromStdin && target != null) File.Delete(input);
        if (options.Verbosity >= 2 || (options.Mode == CliMode.Test && options.Verbosity >= 1))
        {
            long original = options.Mode == CliMode.Compress ? inBytes : outBytes;
            long packed = options.Mode == CliMode.Compress ? outBytes : inBytes;
            string name = fromStdin ? "stdin" : input;
            string verb = options.Mode == CliMode.Test ? "OK" : $"-> {target ?? "stdout"}";
            Error.WriteLine($"{name}: {original} <-> {packed} bytes ({(original == 0 ? 0 : packed * 8.0 / original):F3} bits/byte, " +
                $"{original / 1e6 / Math.Max(clock.Elapsed.TotalSeconds, 1e-6):F3} MB/s) {verb}");
        }
    }

    private string? OutputPath(CliOptions options, string input, bool fromStdin)
    {
        if (options.Output != null) return options.Output;
        if (options.ToStdout || fromStdin) return null;
        if (options.Mode == CliMode.Compress) return input + (options.Format == "mdc7" ? ".mdc" : ".mdg");
        foreach (string suffix in (string[])[".mdg", ".mdc"])
        {
            if (input.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && input.Length > suffix.Length) return input[..^suffix.Length];
        }
        throw new CliException(ExitCodes.Usage, $"{input}: unknown suffix (expected .mdg or .mdc); use -o or -c");
    }

    /// <summary>
    /// The codec that compresses: the tool's own, or with <c>--topology TEXT</c> that topology (the tool's own when
    /// it is the same, else the run-time pipeline). A topology whose models need more than <c>--memory</c> is refused.
    /// </summary>
    private ICodec CompressorFor(CliOptions options)
    {
        ICodec codec = Codec;
        if (options.Topology != null)
        {
            if (!Topology.TryParse(options.Topology, out Topology? topology, out string? error))
            {
                throw new CliException(ExitCodes.Usage, $"bad --topology: {error}");
            }
            codec = topology!.Text == Codec.Topology ? Codec : new PipelineCodec(topology);
        }
        return codec;
    }

    /// <summary>
    /// Refuses to compress what decoders would refuse to decode under the same limit: the models of this input's
    /// largest block (the block size, or the whole input when it is shorter; tables shrink for short blocks).
    /// </summary>
    private static void CheckMemory(CliOptions options, ICodec codec, long? knownLength)
    {
        long blockSize = options.BlockSize ?? MdgFrame.DefaultBlockSizeFor(codec);
        long block = knownLength is long n ? Math.Min(n, blockSize) : blockSize;
        if (Topology.Parse(codec.Topology).MemoryBytesFor(block) is long needed && needed > options.MemoryLimit)
        {
            throw new CliException(ExitCodes.Usage,
                $"topology {codec.Topology} needs {MdgOptions.DescribeMemory(needed)} for the models of a {block:N0}-byte block, above the memory limit of {MdgOptions.DescribeMemory(options.MemoryLimit)} (--memory)");
        }
    }

    /// <summary>Compresses a stream with <paramref name="codec"/> through the library's block engine; returns the bytes read.</summary>
    private long Compress(CliOptions options, ICodec codec, Stream source, Stream sink, long? knownLength, Progress progress)
    {
        if (options.Format == "mdc7")
        {
            byte[] data = ReadAll(source, knownLength);
            sink.Write(Mdc7Container.Compress(codec, data, progress));
            return data.Length;
        }
        CheckMemory(options, codec, knownLength);
        var frame = new MdgOptions { BlockSize = options.BlockSize, Threads = options.Threads, Progress = progress, WriteIndex = options.WriteIndex };
        return BlockWriter.Compress(source, sink, codec, frame, knownLength);
    }

    /// <summary>
    /// Decompresses MDG or MDC7, told apart by magic; returns the compressed bytes read. A .mdg file is read
    /// through its index (<see cref="MidicothReader"/>: -T N decodes N blocks at once, found from the index); a pipe
    /// through the block engine as it comes (<see cref="BlockReader"/>, also N blocks at once).
    /// </summary>
    private long Decompress(Stream source, Stream sink, Progress progress, int threads, long memoryLimit)
    {
        if (source is FileStream { CanSeek: true } seekable && seekable.Length >= 4 && StartsWithMdgMagic(seekable))
        {
            using var reader = new MidicothReader(seekable, Codec, new MdgOptions { Threads = threads, Progress = progress, MemoryLimit = memoryLimit }, leaveOpen: true);
            reader.CopyTo(sink);
            return seekable.Length;
        }
        var counting = new CountingReadStream(source);
        Span<byte> magic = stackalloc byte[4];
        int got = counting.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        var input = new PrefixedStream(magic[..got].ToArray(), counting);
        if (got == 4 && MdgFrame.HasMagic(magic))
        {
            new BlockReader(input, Codec, new MdgOptions { Threads = threads, Progress = progress, MemoryLimit = memoryLimit }).CopyTo(sink);
        }
        else if (got == 4 && Mdc7Container.HasMagic(magic))
        {
            byte[] file = ReadAll(input, null);
            sink.Write(Mdc7Container.Decompress(IsPaper ? Codec : PipelineCodec.Paper, file, progress));
        }
        else
        {
            throw new MidicothFormatException("not a Midicoth file (unknown magic)");
        }
        return counting.BytesRead;
    }

    private static bool StartsWithMdgMagic(FileStream file)
    {
        Span<byte> magic = stackalloc byte[4];
        file.Position = 0;
        file.ReadExactly(magic);
        file.Position = 0;
        return MdgFrame.HasMagic(magic);
    }

    /// <summary>-l: each .mdg file's topology, blocks, sizes and ratio (with -v, every block), as xz -l does.</summary>
    private int List(CliOptions options)
    {
        if (options.Inputs.Count == 0) throw new CliException(ExitCodes.Usage, "-l needs files to list");
        Out.WriteLine($"{"blocks",7} {"compressed",14} {"uncompressed",14} {"ratio",7} {"bits/B",7}  {"index",5}  {"topology",-40} file");
        return EachInput(options, input =>
        {
            if (input == "-") throw new CliException(ExitCodes.Usage, "-l needs a file, not standard input");
            if (!File.Exists(input)) throw new CliException(ExitCodes.Io, $"{input}: no such file");
            using var reader = MidicothReader.Open(input, Codec);
            long packed = reader.FileLength, size = reader.Length;
            Out.WriteLine($"{reader.Blocks.Count,7} {packed,14:N0} {size,14:N0} {Ratio(packed, size),7:F4} {Bits(packed, size),7:F4}  " +
                $"{(reader.HasIndex ? "yes" : "no"),5}  {reader.Topology.Text,-40} {input}");
            if (options.Verbosity < 2) return;
            Out.WriteLine($"  {"block",7} {"offset",14} {"content offset",14} {"content",10} {"payload",10} {"bits/B",7}  crc32");
            for (int i = 0; i < reader.Blocks.Count; i++)
            {
                MdgBlock b = reader.Blocks[i];
                Out.WriteLine($"  {i,7} {b.Offset,14:N0} {b.ContentOffset,14:N0} {b.ContentLength,10:N0} {b.PayloadLength,10:N0} " +
                    $"{Bits(b.PayloadLength, b.ContentLength),7:F4}  {b.Crc:x8}");
            }
        });
    }

    private static double Ratio(long packed, long size) => size == 0 ? 0 : (double)packed / size;

    private static double Bits(long packed, long size) => size == 0 ? 0 : packed * 8.0 / size;

    private static byte[] ReadAll(Stream source, long? knownLength)
    {
        if (knownLength > Array.MaxLength) throw new CliException(ExitCodes.Io, "input too large for one block (use the .mdg format)");
        using var buffer = knownLength is long n ? new MemoryStream((int)n) : new MemoryStream();
        source.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>-b: compress and decompress each file in memory, report ratio and speed.</summary>
    private int Bench(CliOptions options, ICodec compressor)
    {
        if (options.Inputs.Count == 0) throw new CliException(ExitCodes.Usage, "-b needs files to measure");
        Out.WriteLine($"{"file",-24} {"bytes",12} {"packed",12} {"bits/B",7} {"comp MB/s",10} {"dec MB/s",9}");
        return EachInput(options, input =>
        {
            byte[] data = File.ReadAllBytes(input);
            var clock = Stopwatch.StartNew();
            using var packed = new MemoryStream();
            Compress(options, compressor, new MemoryStream(data, writable: false), packed, data.Length, Progress.None);
            double compress = clock.Elapsed.TotalSeconds;
            clock.Restart();
            using var back = new MemoryStream(data.Length);
            packed.Position = 0;
            Decompress(packed, back, Progress.None, threads: 1, options.MemoryLimit);
            double decompress = clock.Elapsed.TotalSeconds;
            if (!back.GetBuffer().AsSpan(0, (int)back.Length).SequenceEqual(data)) throw new MidicothFormatException("round trip differs");
            Out.WriteLine($"{Path.GetFileName(input),-24} {data.Length,12} {packed.Length,12} {Bits(packed.Length, data.Length),7:F4} " +
                $"{data.Length / 1e6 / compress,10:F3} {data.Length / 1e6 / decompress,9:F3}");
        });
    }

    private static string Version =>
        typeof(CliHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";

    public string Usage() => $"""
        usage: {ToolName} [-z|-d|-t|-b] [options] [FILE...]
               {ToolName} compress IN OUT [--format mdc7|mdg] [-f]
               {ToolName} decompress IN OUT [-f]

        Lossless context-mixing compressor, topology {Codec.Topology}.
        With no FILE, or FILE '-', reads standard input and writes standard output.

          -z, --compress      compress (default): FILE -> FILE.mdg, FILE is kept
          -d, --decompress    decompress: FILE.mdg (or .mdc) -> FILE
          -t, --test          decompress in memory and check integrity; write nothing
          -b, --bench         compress and decompress each FILE in memory; print ratio and speed
          -l, --list          list each .mdg FILE: blocks, sizes, ratio, topology (-v: every block)
          -c, --stdout        write to standard output
          -o, --output FILE   write to FILE (one input only)
          -f, --force         overwrite existing output; write compressed data to a terminal
              --rm            delete the input after success
          -k, --keep          keep the input (default)
          -T, --threads N     code blocks on N threads (0: all cores)
          -B, --block-size N  block size for .mdg, e.g. 4M (default {MdgFrame.DefaultBlockSize >> 20}M, bit-wise topologies {MdgFrame.DefaultBitWiseBlockSize >> 20}M)
              --topology TEXT compress with this topology instead (run-time pipeline), e.g. ctx:1-22,ctx:2-22,mixer:3-6
              --memory SIZE   the most memory a topology's models may take, e.g. 512M, 2G (default {MdgOptions.DefaultMemoryLimit >> 20}M);
                              a file that needs more is refused before anything is allocated
              --format F      mdg (default: checksums, any topology) or mdc7 (the reference tool's format)
              --no-index      write .mdg without the block index at its end (it costs 20 bytes a block)
          -q, --quiet         no progress display
          -v, --verbose       print sizes and speed per file
          -h, --help          this text
          -V, --version       version and topology

        exit codes: 0 ok, 1 usage, 2 file error, 3 corrupt or foreign input, 130/143/129 interrupted

        """;

    /// <summary>On Ctrl-C (SIGINT), SIGTERM or SIGHUP: remove temporary outputs and exit with 128 + the signal.</summary>
    private sealed class CtrlCGuard : IDisposable
    {
        private readonly List<System.Runtime.InteropServices.PosixSignalRegistration> _registrations = [];

        public CtrlCGuard()
        {
            Console.CancelKeyPress += OnCancel;
            if (OperatingSystem.IsWindows()) return;
            foreach (var (signal, code) in (ReadOnlySpan<(System.Runtime.InteropServices.PosixSignal, int)>)
                [(System.Runtime.InteropServices.PosixSignal.SIGTERM, ExitCodes.Terminated), (System.Runtime.InteropServices.PosixSignal.SIGHUP, ExitCodes.HangUp)])
            {
                _registrations.Add(System.Runtime.InteropServices.PosixSignalRegistration.Create(signal, context =>
                {
                    context.Cancel = true;
                    Stop(code);
                }));
            }
        }

        private static void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            e.Cancel = true;
            Stop(ExitCodes.Interrupted);
        }

        private static void Stop(int code)
        {
            SafeOutput.RemovePending();
            Console.Error.WriteLine();
            Console.Error.WriteLine("interrupted");
            Environment.Exit(code);
        }

        public void Dispose()
        {
            Console.CancelKeyPress -= OnCancel;
            foreach (var registration in _registrations) registration.Dispose();
        }
    }
}
