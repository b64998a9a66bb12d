namespace Midicoth.Generator.Tests;

/// <summary>
/// The README's packaging commands, as written there, from a clone: the three packages packed, consumed by a fresh
/// project through a nuget.config, the tool installed and run. The project is the README's "Writing your own stage"
/// program: a user stage declared beside built-in ones, and a tool in one statement, which compresses and decodes;
/// midicoth refuses its files naming the stage. Everything goes to a temporary folder — the feed,
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
            // The app is the README's "Writing your own stage" program, as written there: a user stage and a tool.
            File.WriteAllText(Path.Combine(app, "Program.cs"), FreshProjectTests.ReadmeSnippet("## Writing your own stage", "csharp"));
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

            var build = DotnetCli.RunProgram("dotnet", app, env, "build", "-c", "Release", "-o", Path.Combine(dir, "bin"));
            Assert.True(build.Code == 0, build.Output);
            Assert.Contains(" 0 Warning(s)", build.Output);
            (int Code, string Output) App(params string[] args) =>
                DotnetCli.RunProgram("dotnet", dir, env, [Path.Combine(dir, "bin", "App.dll"), .. args]);

            // The user's one-line tool: its topology holds the user stage; it compresses and decodes like midicoth.
            var version = App("--version");
            Assert.True(version.Code == 0, version.Output);
            Assert.Contains("ctx:1-16,ctx:3-20,acme.distance:4,mixer:3-6", version.Output);
            string input = Path.Combine(dir, "records.bin");
            File.WriteAllBytes(input, [.. Enumerable.Range(0, 20_000).SelectMany(i => new[] { (byte)(i % 7), (byte)'r', (byte)(i * 13 % 256), (byte)';' })]);
            var compress = App(input);
            Assert.True(compress.Code == 0, compress.Output);
            var decode = App("-d", input + ".mdg", "-o", input + ".out");
            Assert.True(decode.Code == 0, decode.Output);
            Assert.Equal(File.ReadAllBytes(input), File.ReadAllBytes(input + ".out"));
            // The stage by name in topology text, at run time.
            var named = App("--topology", "acme.distance:2,mixer", "-c", input);
            Assert.True(named.Code == 0 && named.Output.Length > 0, named.Output);

            // midicoth, which does not have the stage, refuses the file in one line naming it (exit 3).
            var tool = DotnetCli.RunProgram(Path.Combine(tools, "midicoth"), dir, env, "--version");
            Assert.True(tool.Code == 0, tool.Output);
            Assert.Contains("ppm:4,match,word,highorder,denoise:3", tool.Output);
            var refused = DotnetCli.RunProgram(Path.Combine(tools, "midicoth"), dir, env, "-t", input + ".mdg");
            Assert.Equal(3, refused.Code);
            Assert.Equal($"midicoth: error: {input}.mdg: this file needs the stage 'acme.distance', which this build does not have: decode it with the program that declares the stage",
                refused.Output.Trim());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
