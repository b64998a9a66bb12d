namespace Midicoth.Generator.Tests;

/// <summary>
/// The README's packaging commands, as written there, from a clone: both packages packed, consumed by a fresh
/// project through a nuget.config, the tool installed and run. Everything goes to a temporary folder — the feed,
/// the project, the tool, and the NuGet package folder (NUGET_PACKAGES), so that no test package is left in the
/// user's cache. The only substitutions: those folders for the README's <c>feed</c>, project path and <c>-g</c>.
/// </summary>
[Collection("dotnet CLI")]
public class PackageTests
{
    [Fact]
    public void The_READMEs_packaging_commands_work_from_a_clone()
    {
        string root = FreshProjectTests.RepositoryRoot();
        string script = FreshProjectTests.ReadmeSnippet("## Packaging", "sh");
        string dir = Directory.CreateTempSubdirectory("midicoth-pack-").FullName;
        try
        {
            string feed = Path.Combine(dir, "feed"), app = Path.Combine(dir, "app"), tools = Path.Combine(dir, "tools");
            Directory.CreateDirectory(app);
            File.WriteAllText(Path.Combine(app, "App.csproj"), """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <Nullable>enable</Nullable>
                  </PropertyGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(app, "Program.cs"), """
                using Midicoth;
                using static Midicoth.StageKind;
                byte[] data = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("packaged and generated; ", 200)));
                byte[] back = PackagedCodec.Decompress(PackagedCodec.Compress(data));
                Console.WriteLine(PackagedCodec.TopologyText);
                return back.AsSpan().SequenceEqual(data) ? 0 : 1;
                [Compressor, Stage(Ppm, Order = 3), Stage(Word), Denoise(Steps = 1)]
                public partial class PackagedCodec { }
                """);
            string commands = script
                .Replace("-o feed", "-o \"$FEED\"")
                .Replace("\"$CLONE/feed\"", "\"$FEED\"")
                .Replace("cd path/to/your/project", "cd \"$APP\"")
                .Replace("tool install -g ", "tool install --tool-path \"$TOOLS\" ");
            Assert.Contains("-o \"$FEED\"", commands);
            Assert.Contains("--tool-path", commands);
            var env = new Dictionary<string, string>
            {
                ["CLONE"] = root, ["FEED"] = feed, ["APP"] = app, ["TOOLS"] = tools,
                ["NUGET_PACKAGES"] = Path.Combine(dir, "packages"),
            };
            var (code, output) = DotnetCli.RunProgram("bash", dir, env, "-euxc", commands);
            Assert.True(code == 0, output);

            var run = DotnetCli.RunProgram("dotnet", app, env, "run", "-c", "Release");
            Assert.True(run.Code == 0, run.Output);
            Assert.Contains("ppm:3,word,denoise:1", run.Output);
            var tool = DotnetCli.RunProgram(Path.Combine(tools, "midicoth"), dir, env, "--version");
            Assert.True(tool.Code == 0, tool.Output);
            Assert.Contains("ppm:4,match,word,highorder,denoise:3", tool.Output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
