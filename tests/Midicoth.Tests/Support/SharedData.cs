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

    /// <summary>Whether this run is CI's (CI sets CI=true): there, nothing may be skipped for want of data.</summary>
    public static bool InCi { get; } = Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ci
        && !ci.Equals("false", StringComparison.OrdinalIgnoreCase) && ci != "0";

    /// <summary>
    /// For tests that need ../shared: returns when it is there; otherwise skips with <see cref="MissingMessage"/>
    /// outside CI and fails in CI, where a missing corpus must never turn the run green unchecked.
    /// </summary>
    public static void Require()
    {
        if (Root != null) return;
        SkipOrFail(MissingMessage);
    }

    /// <summary>Skips with <paramref name="why"/>, or fails with it in CI.</summary>
    public static void SkipOrFail(string why)
    {
        if (InCi) Assert.Fail("CI is set, so this cannot be skipped: " + why);
        Assert.Skip(why);
    }

    private static string? Find()
    {
        // MIDICOTH_SHARED names the folder outright (a missing one means: absent; that is how to check that CI
        // fails without it: CI=true MIDICOTH_SHARED=/nonexistent dotnet test ...).
        string? env = Environment.GetEnvironmentVariable("MIDICOTH_SHARED");
        if (!string.IsNullOrEmpty(env)) return File.Exists(Path.Combine(env, "conformance", "mdc7.tsv")) ? env : null;
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

    /// <summary>The corpus file <paramref name="name"/> (skipping, or in CI failing, when ../shared is absent).</summary>
    public static byte[] Corpus(string name)
    {
        Require();
        return File.ReadAllBytes(Path.Combine(Root!, "corpus", name));
    }

    /// <summary>The rows of conformance/mdc7.tsv (none when ../shared is absent).</summary>
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
