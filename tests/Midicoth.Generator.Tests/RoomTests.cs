using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Midicoth.Generator.Tests;

/// <summary>
/// The library's rooms (the folders of <c>src/Models</c>, one namespace each) stay small and depend on each other in
/// one direction: no folder of <c>src</c> holds more than 16 sources, and the rooms' dependency graph, read from
/// the compiler's own binding of every name in every source (not from using lines: the library imports every room
/// globally), has no cycle.
/// </summary>
public class RoomTests
{
    private static readonly string Src = Path.Combine(FreshProjectTests.RepositoryRoot(), "src");

    [Fact]
    public void No_source_folder_holds_more_than_16_sources()
    {
        foreach (string dir in Directory.GetDirectories(Src, "*", SearchOption.AllDirectories).Where(d => !IsBuildOutput(d)))
        {
            int count = Directory.GetFiles(dir, "*.cs").Length;
            Assert.True(count <= 16, $"{Path.GetRelativePath(Src, dir)} holds {count} sources");
        }
    }

    [Fact]
    public void The_library_rooms_depend_on_each_other_without_a_cycle()
    {
        Dictionary<string, HashSet<string>> graph = RoomGraph();
        Assert.True(graph.Count >= 10, "rooms found: " + string.Join(", ", graph.Keys));
        Assert.Contains("BitWise", graph["BitPredictors"]); // the reading is real: a predictor implements the step's role
        string? cycle = FindCycle(graph);
        Assert.True(cycle == null, "rooms in a cycle: " + cycle);
    }

    /// <summary>Room → the rooms whose types or members its sources name (as the compiler binds them).</summary>
    internal static Dictionary<string, HashSet<string>> RoomGraph()
    {
        string models = Path.Combine(Src, "Models");
        var trees = Directory.GetFiles(models, "*.cs", SearchOption.AllDirectories).Where(f => !IsBuildOutput(f))
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), GeneratorHarness.ParseOptions, path: f)).ToList();
        string[] platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        // The project's global usings: every room, and the SDK's implicit ones.
        string globals = string.Concat(Directory.GetDirectories(models).Where(d => !IsBuildOutput(d)).Select(d => "global using Midicoth.Models." + Path.GetFileName(d) + ";\n"))
            + "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; global using System.Threading; global using System.Threading.Tasks;";
        var compilation = CSharpCompilation.Create("Midicoth.Models", [.. trees, CSharpSyntaxTree.ParseText(globals, GeneratorHarness.ParseOptions)],
            [.. platform.Select(p => MetadataReference.CreateFromFile(p)), MetadataReference.CreateFromFile(typeof(Midicoth.CompressorAttribute).Assembly.Location),
             MetadataReference.CreateFromFile(typeof(System.IO.Hashing.Crc32).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));
        string RoomOf(string path) => Path.GetFileName(Path.GetDirectoryName(path)!);

        var graph = new Dictionary<string, HashSet<string>>();
        foreach (SyntaxTree tree in trees)
        {
            string room = RoomOf(tree.FilePath);
            HashSet<string> uses = graph.TryGetValue(room, out var set) ? set : graph[room] = [];
            SemanticModel model = compilation.GetSemanticModel(tree);
            foreach (SimpleNameSyntax name in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
            {
                ISymbol? symbol = model.GetSymbolInfo(name).Symbol ?? model.GetSymbolInfo(name).CandidateSymbols.FirstOrDefault();
                INamedTypeSymbol? type = symbol as INamedTypeSymbol ?? symbol?.ContainingType;
                while (type?.ContainingType != null) type = type.ContainingType;
                string? declaredIn = type?.DeclaringSyntaxReferences.FirstOrDefault()?.SyntaxTree.FilePath;
                if (string.IsNullOrEmpty(declaredIn) || !declaredIn.StartsWith(models, StringComparison.Ordinal)) continue;
                string other = RoomOf(declaredIn);
                if (other != room) uses.Add(other);
            }
        }
        return graph;
    }

    /// <summary>A cycle of rooms as text (<c>A → B → A</c>), or null.</summary>
    internal static string? FindCycle(Dictionary<string, HashSet<string>> graph)
    {
        var state = new Dictionary<string, int>(); // 1: on the path, 2: done
        var path = new List<string>();
        string? Visit(string room)
        {
            state[room] = 1;
            path.Add(room);
            foreach (string next in graph.GetValueOrDefault(room) ?? [])
            {
                if (state.GetValueOrDefault(next) == 1) return string.Join(" → ", path.Skip(path.IndexOf(next)).Append(next));
                if (state.GetValueOrDefault(next) == 0 && Visit(next) is string found) return found;
            }
            path.RemoveAt(path.Count - 1);
            state[room] = 2;
            return null;
        }
        foreach (string room in graph.Keys.Order())
        {
            if (state.GetValueOrDefault(room) == 0 && Visit(room) is string cycle) return cycle;
        }
        return null;
    }

    [Fact]
    public void The_cycle_finder_finds_a_cycle()
    {
        var graph = new Dictionary<string, HashSet<string>> { ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A"], ["D"] = ["A"] };
        Assert.Equal("A → B → C → A", FindCycle(graph));
        graph["C"].Clear();
        Assert.Null(FindCycle(graph));
    }

    private static bool IsBuildOutput(string path) =>
        path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") || path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")
        || path.EndsWith($"{Path.DirectorySeparatorChar}obj") || path.EndsWith($"{Path.DirectorySeparatorChar}bin");
}
