using System.Security.Cryptography;

namespace Midicoth.Tests;

/// <summary>Finds ../shared (the corpus and the reference's outputs) from the test's working directory.</summary>
public static class SharedData
{
    public static string? Root { get; } = Find();

    /// <summary>The repository's root (where Midicoth.Gen.sln is), found from the test binaries' folder.</summary>
    public static string? RepoRoot { get; } = FindUp(dir => File.Exists(Path.Combine(dir, "Midicoth.Gen.sln")));

    private static string? FindUp(Func<string, bool> found)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (found(dir.FullName)) return dir.FullName;
        }
        return null;
    }

    public const string MissingMessage = "../shared is absent: the corpus and reference outputs are not available here";

    private static string? Find()
    {
        string? env = Environment.GetEnvironmentVariable("MIDICOTH_SHARED");
        if (env != null && Directory.Exists(env)) return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared");
            if (File.Exists(Path.Combine(candidate, "conformance", "mdc7.tsv"))) return candidate;
        }
        return null;
    }

    public sealed record ConformanceRow(string Name, long InputBytes, string InputSha256, long Mdc7Bytes, string Mdc7Sha256, string Location)
    {
        public string InputPath => Path.Combine(Root!, Location, Name);
        public string ReferencePath => Path.Combine(Root!, "conformance", "mdc7", Name + ".mdc");
        public override string ToString() => Name;
    }

    public static IReadOnlyList<ConformanceRow> Rows()
    {
        if (Root == null) return [];
        return File.ReadAllLines(Path.Combine(Root, "conformance", "mdc7.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(f => new ConformanceRow(f[0], long.Parse(f[1]), f[2], long.Parse(f[3]), f[4], f[5]))
            .ToList();
    }

    public static string Sha256Hex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));
}
