using System.Diagnostics;
using Midicoth.Models.Composition;
using Midicoth.Models.Formats;

/// <summary>Quick per-primitive timings (ns per call), for orientation before a BenchmarkDotNet run.</summary>
public static class Micro
{
    public static void Run()
    {
        var rng = new Random(1);
        var probs = new double[256];
        for (int i = 0; i < 256; i++) probs[i] = rng.NextDouble() * (i % 7 == 0 ? 1 : 0.001);
        Distribution.ClampNormalize(probs);
        var work = new double[256];
        var other = (double[])probs.Clone();
        var cum = new uint[257];
        var tw = new TweedieDenoiser(3);
        Time("ClampNormalize", () => { probs.CopyTo(work, 0); Distribution.ClampNormalize(work); });
        Time("WordModel.Mix", () => { probs.CopyTo(work, 0); WordModel.Mix(work, other, 0.5); });
        Time("MatchModel.Mix", () => { probs.CopyTo(work, 0); MatchModel.Mix(work, 7, 0.5); });
        Time("CumFreq", () => CumulativeFrequencies.Build(probs, cum));
        var tree = new double[512];
        probs.CopyTo(tree, 256);
        for (int i = 255; i >= 1; i--) tree[i] = tree[2 * i] + tree[2 * i + 1];
        var delta = new double[3 * 51840];
        var offsets = new int[256];
        var cp = new double[256]; var cb = new byte[256]; var sl = new double[256]; var sr = new double[256];
        Time("TreeBuild", () => { for (int i = 255; i >= 1; i--) tree[i] = tree[2 * i] + tree[2 * i + 1]; });
        Time("Denoise(3)", () => { probs.CopyTo(work, 0); tw.Denoise(work, 4, 300); });
        Time("Denoise+Update", () => { probs.CopyTo(work, 0); tw.Denoise(work, 4, 300); tw.Update(7); });
    }

    private static void Time(string name, Action action)
    {
        var warm = Stopwatch.StartNew();
        while (warm.ElapsedMilliseconds < 400) action();
        var sw = Stopwatch.StartNew();
        const int n = 100000;
        for (int i = 0; i < n; i++) action();
        Console.WriteLine($"{name,-16} {sw.Elapsed.TotalNanoseconds / n,8:F0} ns");
    }
}
