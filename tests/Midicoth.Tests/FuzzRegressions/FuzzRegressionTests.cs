using Midicoth.Fuzz;

namespace Midicoth.Tests;

/// <summary>
/// Replays, through the fuzzing targets themselves (fuzz/Midicoth.Fuzz/FuzzTargets.cs), every input the fuzzer found
/// a problem with (kept here, in FuzzRegressions/TARGET/, each fixed) and every seed (fuzz/seeds/TARGET/): each must
/// now pass its target's checks (decoded, or refused with the format's own exception; no other exception, no wrong
/// bytes, no unbounded allocation).
/// </summary>
public class FuzzRegressionTests
{
    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Midicoth.Gen.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("repository root not found");
    }

    public static TheoryData<string, string> Inputs()
    {
        var data = new TheoryData<string, string>();
        string root = Root();
        foreach (string target in FuzzTargets.All.Keys)
        {
            foreach (string folder in new[] { Path.Combine(root, "tests", "Midicoth.Tests", "FuzzRegressions", target), Path.Combine(root, "fuzz", "seeds", target) })
            {
                if (!Directory.Exists(folder)) continue;
                foreach (string file in Directory.GetFiles(folder).Order()) data.Add(target, Path.GetRelativePath(root, file));
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void A_kept_input_passes_its_target(string target, string file) =>
        FuzzTargets.All[target](File.ReadAllBytes(Path.Combine(Root(), file)));

    [Fact]
    public void Every_target_has_seeds() =>
        Assert.All(FuzzTargets.All.Keys, t => Assert.NotEmpty(Directory.GetFiles(Path.Combine(Root(), "fuzz", "seeds", t))));
}
