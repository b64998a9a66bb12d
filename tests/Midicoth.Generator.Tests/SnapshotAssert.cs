using System.Runtime.CompilerServices;

namespace Midicoth.Generator.Tests;

/// <summary>
/// Compares generated source with a checked-in expected file under Snapshots/. To accept a change, run the tests
/// with MIDICOTH_UPDATE_SNAPSHOTS=1, review the diff and commit it.
/// </summary>
public static class SnapshotAssert
{
    public static void Matches(string name, string actual, [CallerFilePath] string callerPath = "")
    {
        string path = Path.Combine(Path.GetDirectoryName(callerPath)!, "Snapshots", name);
        actual = actual.Replace("\r\n", "\n");
        if (Environment.GetEnvironmentVariable("MIDICOTH_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"no snapshot {path}; run with MIDICOTH_UPDATE_SNAPSHOTS=1 to create it");
        string expected = File.ReadAllText(path).Replace("\r\n", "\n");
        Assert.Equal(expected, actual);
    }
}
