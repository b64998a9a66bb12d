namespace Midicoth.Generator.Tests;

/// <summary>
/// What the README tells a newcomer to do: a fresh project references the library and the generator, declares its
/// own topology, builds with the .NET SDK, and round-trips a file.
/// </summary>
[Collection("dotnet CLI")]
public class FreshProjectTests
{
    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Midicoth.Gen.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("repository root not found");
    }

    [Fact]
    public void A_new_project_declares_a_topology_and_round_trips_a_file()
    {
        string root = RepositoryRoot();
        string dir = Directory.CreateTempSubdirectory("midicoth-fresh-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "MyCodecApp.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                  </PropertyGroup>
                  <ItemGroup>
                    <ProjectReference Include="{root}/src/Abstractions/Midicoth.Abstractions.csproj" />
                    <ProjectReference Include="{root}/src/Models/Midicoth.Models.csproj" />
                    <ProjectReference Include="{root}/src/Generator/Midicoth.Generator.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(dir, "Program.cs"), """
                using Midicoth;
                using static Midicoth.StageKind;

                byte[] data = File.ReadAllBytes(args[0]);
                byte[] packed = MyCodec.Compress(data);
                byte[] back = MyCodec.Decompress(packed);
                Console.WriteLine($"{MyCodec.TopologyText} {data.Length} {packed.Length}");
                return back.AsSpan().SequenceEqual(data) ? 0 : 1;

                [Compressor] [Stage(Ppm, Order = 6)] [Stage(Match)] [Denoise(Steps = 2)]
                public partial class MyCodec { }
                """);
            string input = Path.Combine(dir, "input.txt");
            File.WriteAllText(input, string.Concat(Enumerable.Range(0, 300).Select(i => $"{i} bottles of beer on the wall, {i} bottles of beer.\n")));

            var (code, output) = DotnetCli.Run(dir, "run", "-c", "Release", "--", input);
            Assert.True(code == 0, $"exit {code}\n{output}");
            string stdout = output;
            Assert.Contains("ppm:6,match,denoise:2 ", stdout);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
