using System.Text.RegularExpressions;

namespace Midicoth.Generator.Tests;

/// <summary>
/// What the README tells a newcomer to do, taken from the README itself: a fresh project with the README's
/// ItemGroup (its "path/to/" pointing at this clone) and the README's Program.cs, built with the .NET SDK and run
/// on a file. A snippet that stops compiling or working fails here.
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

    /// <summary>The first fenced block of <paramref name="language"/> after the heading <paramref name="section"/>.</summary>
    internal static string ReadmeSnippet(string section, string language)
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        int at = readme.IndexOf("\n" + section + "\n", StringComparison.Ordinal);
        Assert.True(at >= 0, $"README.md has no section '{section}'");
        Match block = new Regex("```" + language + "\n(.*?)```", RegexOptions.Singleline).Match(readme, at);
        Assert.True(block.Success, $"README.md's '{section}' has no ```{language} block");
        return block.Groups[1].Value;
    }

    [Fact]
    public void The_READMEs_snippets_build_into_a_project_that_round_trips_a_file()
    {
        string root = RepositoryRoot();
        string itemGroup = ReadmeSnippet("## Declaring a compressor", "xml").Replace("path/to/", root + "/");
        string program = ReadmeSnippet("## Declaring a compressor", "csharp");
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
                {itemGroup}
                </Project>
                """);
            File.WriteAllText(Path.Combine(dir, "Program.cs"), program);
            string input = Path.Combine(dir, "input.txt");
            File.WriteAllText(input, string.Concat(Enumerable.Range(0, 300).Select(i => $"{i} bottles of beer on the wall, {i} bottles of beer.\n")));

            var (code, output) = DotnetCli.Run(dir, "run", "-c", "Release", "--", input);
            Assert.True(code == 0, $"exit {code}\n{output}");
            Assert.Contains("ppm:6,match,denoise:2: 15980 -> ", output);
            Assert.Contains("bytes, round trip OK", output);
            Assert.Contains("stream round trip OK", output);
            Assert.True(File.Exists(input + ".mdg"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
