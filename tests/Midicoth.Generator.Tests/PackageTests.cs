namespace Midicoth.Generator.Tests;

/// <summary>
/// The NuGet packages: the library + generator package is packed into a local folder and consumed by a fresh
/// project by PackageReference; the CLI tool package is installed from the same folder and run.
/// </summary>
[Collection("dotnet CLI")]
public class PackageTests
{
    private static (int Code, string Output) Dotnet(string workingDirectory, params string[] args) => DotnetCli.Run(workingDirectory, args);

    [Fact]
    public void Library_package_is_consumed_from_a_local_folder_and_the_tool_installs()
    {
        string root = FreshProjectTests.RepositoryRoot();
        string dir = Directory.CreateTempSubdirectory("midicoth-pack-").FullName;
        string version = "0.1.0-test" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff");
        try
        {
            string feed = Path.Combine(dir, "feed");
            var pack = Dotnet(root, "pack", "src/Models", "-c", "Release", "-o", feed, "-p:PackageVersion=" + version);
            Assert.True(pack.Code == 0, pack.Output);
            var packTool = Dotnet(root, "pack", "samples/Midicoth", "-c", "Release", "-o", feed, "-p:PackageVersion=" + version);
            Assert.True(packTool.Code == 0, packTool.Output);

            string app = Path.Combine(dir, "app");
            Directory.CreateDirectory(app);
            File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="local" value="{feed}" />
                  </packageSources>
                </configuration>
                """);
            File.WriteAllText(Path.Combine(app, "App.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <Nullable>enable</Nullable>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Midicoth.Gen" Version="{version}" />
                  </ItemGroup>
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
            var run = Dotnet(app, "run", "-c", "Release");
            Assert.True(run.Code == 0, run.Output);
            Assert.Contains("ppm:3,word,denoise:1", run.Output);

            string tools = Path.Combine(dir, "tools");
            var install = Dotnet(dir, "tool", "install", "Midicoth.Tool", "--version", version, "--tool-path", tools, "--add-source", feed);
            Assert.True(install.Code == 0, install.Output);
            var (code, output) = DotnetCli.RunProgram(Path.Combine(tools, "midicoth"), dir, "--version");
            Assert.True(code == 0, output);
            Assert.Contains("ppm:4,match,word,highorder,denoise:3", output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
