namespace Midicoth.Cli;

/// <summary>What to do with each input.</summary>
public enum CliMode
{
    Compress,
    Decompress,
    Test,
    Bench,
    List,
}

/// <summary>The parsed command line of a Midicoth tool.</summary>
public sealed class CliOptions
{
    public CliMode Mode { get; set; } = CliMode.Compress;
    public List<string> Inputs { get; } = [];
    public string? Output { get; set; }
    public bool ToStdout { get; set; }
    public bool Force { get; set; }
    public bool RemoveSource { get; set; }
    public int Verbosity { get; set; } = 1;
    public int Threads { get; set; } = 1;
    public string Format { get; set; } = "mdg";
    /// <summary>-B; null: the topology's default (<see cref="Models.Formats.MdgFrame.DefaultBlockSizeFor"/>).</summary>
    public int? BlockSize { get; set; }
    /// <summary>Whether a compressed .mdg ends with its block index (--no-index: not).</summary>
    public bool WriteIndex { get; set; } = true;
    /// <summary>--topology TEXT: compress with this topology through the run-time pipeline instead of the tool's own.</summary>
    public string? Topology { get; set; }
    /// <summary>--memory SIZE: the most memory a topology's models may take, compressing or decompressing.</summary>
    public long MemoryLimit { get; set; } = Models.Formats.MdgOptions.DefaultMemoryLimit;
    public bool Help { get; set; }
    public bool Version { get; set; }

    /// <summary>Parses zstd/xz-style options, plus the reference tool's <c>compress IN OUT</c> / <c>decompress IN OUT</c>.</summary>
    public static CliOptions Parse(IReadOnlyList<string> args)
    {
        var o = new CliOptions();
        int start = 0;
        if (args.Count > 0 && args[0] is "compress" or "decompress")
        {
            // The reference tool's form: COMMAND IN OUT [options]; it always writes OUT, in MDC7 unless told.
            o.Mode = args[0] == "compress" ? CliMode.Compress : CliMode.Decompress;
            o.Format = "mdc7";
            start = 1;
        }
        bool optionsEnded = false;
        for (int i = start; i < args.Count; i++)
        {
            string a = args[i];
            if (optionsEnded || a == "-" || !a.StartsWith('-'))
            {
                o.Inputs.Add(a);
                continue;
            }
            string Value(string option)
            {
                if (i + 1 >= args.Count) throw new CliException(ExitCodes.Usage, $"{option} needs a value");
                return args[++i];
            }
            switch (a)
            {
                case "--": optionsEnded = true; break;
                case "-z" or "--compress": o.Mode = CliMode.Compress; break;
                case "-d" or "--decompress" or "--uncompress": o.Mode = CliMode.Decompress; break;
                case "-t" or "--test": o.Mode = CliMode.Test; break;
                case "-b" or "--bench": o.Mode = CliMode.Bench; break;
                case "-l" or "--list": o.Mode = CliMode.List; break;
                case "--no-index": o.WriteIndex = false; break;
                case "-c" or "--stdout": o.ToStdout = true; break;
                case "-o" or "--output": o.Output = Value(a); break;
                case "-f" or "--force": o.Force = true; break;
                case "-k" or "--keep": o.RemoveSource = false; break;
                case "--rm": o.RemoveSource = true; break;
                case "-q" or "--quiet": o.Verbosity = Math.Max(0, o.Verbosity - 1); break;
                case "-v" or "--verbose": o.Verbosity++; break;
                case "-h" or "--help": o.Help = true; break;
                case "-V" or "--version": o.Version = true; break;
                case "--format": o.Format = ParseFormat(Value(a)); break;
                case "-T" or "--threads": o.Threads = ParseThreads(Value(a)); break;
                case "-B" or "--block-size": o.BlockSize = ParseSize(Value(a)); break;
                case "--topology": o.Topology = Value(a); break;
                case "--memory": o.MemoryLimit = ParseMemory(Value(a)); break;
                default:
                    if (a.StartsWith("-T", StringComparison.Ordinal) && a.Length > 2) { o.Threads = ParseThreads(a[2..]); break; }
                    if (a.StartsWith("--format=", StringComparison.Ordinal)) { o.Format = ParseFormat(a["--format=".Length..]); break; }
                    if (a.StartsWith("--threads=", StringComparison.Ordinal)) { o.Threads = ParseThreads(a["--threads=".Length..]); break; }
                    if (a.StartsWith("--topology=", StringComparison.Ordinal)) { o.Topology = a["--topology=".Length..]; break; }
                    if (a.StartsWith("--memory=", StringComparison.Ordinal)) { o.MemoryLimit = ParseMemory(a["--memory=".Length..]); break; }
                    throw new CliException(ExitCodes.Usage, $"unknown option {a} (see --help)");
            }
        }
        if (start == 1)
        {
            if (o.Inputs.Count != 2) throw new CliException(ExitCodes.Usage, $"{args[0]} takes an input and an output file (see --help)");
            o.Output = o.Inputs[1];
            o.Inputs.RemoveAt(1);
        }
        if (o.Output != null && o.Inputs.Count > 1) throw new CliException(ExitCodes.Usage, "-o takes a single input");
        if (o.Output != null && o.ToStdout) throw new CliException(ExitCodes.Usage, "-o and -c exclude each other");
        return o;
    }

    private static string ParseFormat(string value) => value.ToLowerInvariant() switch
    {
        "mdg" => "mdg",
        "mdc7" or "mdc" => "mdc7",
        _ => throw new CliException(ExitCodes.Usage, $"unknown format '{value}' (known: mdg, mdc7)"),
    };

    private static int ParseThreads(string value)
    {
        if (!int.TryParse(value, out int n) || n < 0 || n > 256) throw new CliException(ExitCodes.Usage, $"bad thread count '{value}'");
        return n == 0 ? Environment.ProcessorCount : n;
    }

    /// <summary>A memory size as xz and zstd take it: bytes, or with K, M, G (powers of 1024), e.g. 512M, 2G.</summary>
    private static long ParseMemory(string value)
    {
        long factor = 1;
        string digits = value;
        char last = value.Length > 0 ? char.ToUpperInvariant(value[^1]) : ' ';
        if (last is 'K' or 'M' or 'G')
        {
            factor = last == 'K' ? 1L << 10 : last == 'M' ? 1L << 20 : 1L << 30;
            digits = value[..^1];
        }
        if (!long.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long n)
            || n < 1 || n > (1L << 50) / factor)
        {
            throw new CliException(ExitCodes.Usage, $"bad memory size '{value}' (e.g. 512M, 2G)");
        }
        return n * factor;
    }

    private static int ParseSize(string value)
    {
        long factor = 1;
        string digits = value;
        if (value.EndsWith('K') || value.EndsWith('k')) { factor = 1 << 10; digits = value[..^1]; }
        else if (value.EndsWith('M') || value.EndsWith('m')) { factor = 1 << 20; digits = value[..^1]; }
        if (!long.TryParse(digits, out long n) || n < 1 || n * factor > Models.Formats.MdgFrame.MaxBlockSize)
        {
            throw new CliException(ExitCodes.Usage, $"bad block size '{value}' (1 byte to {Models.Formats.MdgFrame.MaxBlockSize >> 20}M)");
        }
        return (int)(n * factor);
    }
}
