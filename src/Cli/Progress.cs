using System.Diagnostics;

namespace Midicoth.Cli;

/// <summary>A one-line progress display on stderr, shown only on a terminal, for inputs of 1 MiB or more.</summary>
public sealed class Progress : IProgress<long>, IDisposable
{
    public static readonly Progress None = new(null, "", null);

    private readonly TextWriter? _error;
    private readonly string _name;
    private readonly long? _total;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastShown = -1;

    private Progress(TextWriter? error, string name, long? total)
    {
        _error = error;
        _name = name;
        _total = total;
    }

    internal static Progress Start(CliHost host, CliOptions options, string name, long? total)
    {
        bool show = options.Verbosity >= 1 && host.ErrorIsTerminal && (total ?? long.MaxValue) >= 1 << 20;
        // Without a known total (stdin, decompression) the display starts anyway and stays silent for quick runs.
        return show ? new Progress(host.Error, name, total) : None;
    }

    /// <summary>Reports the bytes processed so far (of the input when compressing).</summary>
    public void Report(long done)
    {
        if (_error == null || _clock.ElapsedMilliseconds - _lastShown < 200) return;
        _lastShown = _clock.ElapsedMilliseconds;
        double speed = done / 1e6 / Math.Max(_clock.Elapsed.TotalSeconds, 1e-3);
        string percent = _total is long t && t > 0 ? $"{Math.Min(100.0, done * 100.0 / t),5:F1}% " : "";
        lock (_error) _error.Write($"\r{_name}: {percent}{done / 1e6:F1} MB  {speed:F3} MB/s ");
    }

    public void Dispose()
    {
        if (_error != null && _lastShown >= 0) lock (_error) _error.Write("\r" + new string(' ', 60) + "\r");
    }
}
