using Midicoth.Cli;

namespace Midicoth.Tests;

/// <summary>The command-line host, in process, on files in a scratch folder.</summary>
public sealed class CliTests() : CliScratch("midicoth-cli-")
{
    private int Run(params string[] args) => Host("midicoth").Run(args);

    [Fact]
    public void Compress_then_decompress_gives_the_original()
    {
        byte[] data = "to be or not to be, that is the question; to be or not to be"u8.ToArray();
        File.WriteAllBytes(PathOf("in.txt"), data);
        Assert.Equal(0, Run("compress", PathOf("in.txt"), PathOf("in.mdc"), "--format", "mdc7"));
        Assert.Equal(Mdc7Container.Compress(data), File.ReadAllBytes(PathOf("in.mdc")));
        Assert.Equal(0, Run("decompress", PathOf("in.mdc"), PathOf("out.txt")));
        Assert.Equal(data, File.ReadAllBytes(PathOf("out.txt")));
        Assert.Equal(["in.mdc", "in.txt", "out.txt"], FilesLeft());
    }

    [Fact]
    public void Missing_input_is_a_one_line_file_error()
    {
        Assert.Equal(ExitCodes.Io, Run("compress", PathOf("nope"), PathOf("x.mdc")));
        Assert.Equal($"midicoth: error: {PathOf("nope")}: no such file", _err.ToString().Trim());
        Assert.Empty(FilesLeft());
    }

    [Fact]
    public void Existing_output_is_kept_unless_forced()
    {
        File.WriteAllText(PathOf("in.txt"), "data");
        File.WriteAllText(PathOf("out.mdc"), "precious");
        Assert.Equal(ExitCodes.Io, Run("compress", PathOf("in.txt"), PathOf("out.mdc")));
        Assert.Equal("precious", File.ReadAllText(PathOf("out.mdc")));
        Assert.Contains("-f", _err.ToString());
        Assert.Equal(0, Run("compress", PathOf("in.txt"), PathOf("out.mdc"), "-f"));
        Assert.NotEqual("precious", File.ReadAllText(PathOf("out.mdc")));
    }

    [Fact]
    public void Foreign_and_corrupt_inputs_leave_no_output()
    {
        File.WriteAllText(PathOf("foreign.bin"), "this is not compressed");
        Assert.Equal(ExitCodes.BadData, Run("decompress", PathOf("foreign.bin"), PathOf("out")));

        byte[] packed = Mdc7Container.Compress(System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("abcdefghij", 300))));
        File.WriteAllBytes(PathOf("cut.mdc"), packed[..(packed.Length / 2)]);
        Assert.Equal(ExitCodes.BadData, Run("decompress", PathOf("cut.mdc"), PathOf("out")));

        string[] lines = _err.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.StartsWith("midicoth: error: ", l));
        Assert.Equal(["cut.mdc", "foreign.bin"], FilesLeft());
    }

    [Fact]
    public void Usage_errors_and_help()
    {
        Assert.Equal(ExitCodes.Usage, Run("compress", "only-one"));
        Assert.Equal(ExitCodes.Usage, Run("-T", "x", "file"));
        Assert.Equal(ExitCodes.Usage, Run("compress", "a", "b", "--format", "zip"));
        Assert.Equal(ExitCodes.Usage, Run("--frobnicate", "a"));
        Assert.Equal(0, Run("--help"));
        Assert.StartsWith("usage: midicoth", _out.ToString());
        Assert.Equal(0, Run("--version"));
        Assert.Contains("ppm:4,match,word,highorder,denoise:3", _out.ToString());
    }
}
