using System.Globalization;
using ScottPlot;

// Usage: Midicoth.Chart RESULTS.tsv OUT.png
// RESULTS.tsv has the columns tool, file, bytes, packed, compress_s, decompress_s (bench/corpus.sh --tsv), one
// row per tool and file; the chart shows each tool's corpus total: bits per byte against compression speed
// (MB/s, log scale), one point per tool, with its decompression speed in the label.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Midicoth.Chart RESULTS.tsv OUT.png");
    return 1;
}
var totals = File.ReadLines(args[0])
    .Where(line => line.Length > 0 && !line.StartsWith('#') && !line.StartsWith("tool\t"))
    .Select(line => line.Split('\t'))
    .GroupBy(f => f[0])
    .Select(g => (
        Tool: g.Key,
        Files: g.Count(),
        Bytes: g.Sum(f => double.Parse(f[2], CultureInfo.InvariantCulture)),
        Packed: g.Sum(f => double.Parse(f[3], CultureInfo.InvariantCulture)),
        Compress: g.Sum(f => double.Parse(f[4], CultureInfo.InvariantCulture)),
        Decompress: g.Sum(f => double.Parse(f[5], CultureInfo.InvariantCulture))))
    .ToList();

var plot = new Plot();
foreach (var t in totals)
{
    double bpb = t.Packed * 8 / t.Bytes;
    double speed = t.Bytes / 1e6 / Math.Max(t.Compress, 1e-3);
    double x = Math.Log10(speed);
    bool ours = t.Tool.StartsWith("mdg", StringComparison.Ordinal) || t.Tool.StartsWith("midicoth", StringComparison.Ordinal);
    var marker = plot.Add.Marker(x, bpb, ours ? MarkerShape.FilledDiamond : MarkerShape.FilledCircle, 10, ours ? Colors.Crimson : Colors.SteelBlue);
    // Times are to 0.01 s (GNU time): a total under 0.01 s a file is too fast to state.
    string decompress = t.Decompress < 0.01 * t.Files ? "too fast to time" : $"{t.Bytes / 1e6 / t.Decompress:F2} MB/s";
    var label = plot.Add.Text($"{t.Tool.Split(" (")[0]}\n{bpb:F3} bpb, {speed:F2} MB/s / {decompress}", x, bpb);
    label.LabelFontSize = 11;
    label.LabelOffsetX = 8;
    label.LabelOffsetY = ours ? -30 : 0;  // ours above their point, the others below: close points stay readable
}
// Points are placed at log10(speed); the ticks say the speed itself.
double[] speeds = [0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50];
plot.Axes.Bottom.SetTicks(speeds.Select(Math.Log10).ToArray(), speeds.Select(v => v.ToString(CultureInfo.InvariantCulture)).ToArray());
plot.Title("Shared corpus (12 files): size against speed, this machine");
plot.XLabel("compression speed, MB/s (log scale; label: compress / decompress)");
plot.YLabel("bits per byte (lower is better)");
plot.Axes.Margins(0.22, 0.1);
plot.Axes.SetLimitsX(Math.Log10(speeds[0]), Math.Log10(speeds[^1]));
plot.SavePng(args[1], 1100, 700);
Console.WriteLine($"wrote {args[1]} ({totals.Count} tools)");
return 0;
