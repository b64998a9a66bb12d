using Midicoth.Cli;

namespace Midicoth.Tests;

/// <summary>The CLI's --topology and --memory options, in process.</summary>
public sealed class CliTopologyTests() : CliScratch("midicoth-cli-topology-")
{
    private int Run(params string[] args) => Host("mdg-test").Run(args);

    private static readonly byte[] Data = System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("a topology chosen at run time; ", 200)));

    [Fact]
    public void Compresses_with_the_topology_given_and_any_tool_decodes_it()
    {
        File.WriteAllBytes(PathOf("in.txt"), Data);
        Assert.Equal(0, Run("--topology", "ctx:1-16,ctx:3-20,mixer:2-6,apm:0-7", "-o", PathOf("in.mdg"), PathOf("in.txt")));
        byte[] frame = File.ReadAllBytes(PathOf("in.mdg"));
        Assert.Equal(frame, MdgFrame.Compress(new PipelineCodec(Topology.Parse("ctx:1-16,ctx:3-20,mixer:2-6,apm:0-7")), Data));
        Assert.Equal(0, Run("-d", "-o", PathOf("out.txt"), PathOf("in.mdg")));
        Assert.Equal(Data, File.ReadAllBytes(PathOf("out.txt")));
    }

    [Fact]
    public void A_bad_topology_is_a_usage_error_and_writes_nothing()
    {
        File.WriteAllBytes(PathOf("in.txt"), Data);
        Assert.Equal(ExitCodes.Usage, Run("--topology", "ctx:1-16,ctx:2-20", PathOf("in.txt")));
        Assert.Equal("mdg-test: error: bad --topology: the bit predictors have no mixer: add 'mixer' after them", _err.ToString().Trim());
        Assert.False(File.Exists(PathOf("in.txt.mdg")));
    }

    [Fact]
    public void A_topology_above_the_memory_limit_for_the_input_is_refused_both_ways_unless_raised()
    {
        // One 16 MiB context map: a 1 MB file's block gets it whole, which an 8 MiB limit refuses; a short file's does not.
        byte[] large = System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 120_000).Select(i => $"line {i % 977} \n")));
        Assert.True(large.Length > 1 << 20);
        File.WriteAllBytes(PathOf("in.txt"), large);
        const string modest = "ctx:1-24,mixer:0-6";
        Assert.Equal(ExitCodes.Usage, Run("--topology", modest, "--memory", "8M", PathOf("in.txt")));
        Assert.Contains($"needs 17 MiB for the models of a {large.Length:N0}-byte block, above the memory limit of 8 MiB (--memory)", _err.ToString());
        Assert.False(File.Exists(PathOf("in.txt.mdg")));
        File.WriteAllBytes(PathOf("short.txt"), Data);
        Assert.Equal(0, Run("--topology", modest, "--memory", "8M", PathOf("short.txt")));

        Assert.Equal(0, Run("--topology", modest, PathOf("in.txt")));
        Assert.True(File.Exists(PathOf("in.txt.mdg")));
        File.Delete(PathOf("in.txt"));
        Assert.Equal(ExitCodes.BadData, Run("-d", "--memory", "8M", PathOf("in.txt.mdg")));
        Assert.Contains($"memory limit: a block of {large.Length:N0} bytes of this file needs 17 MiB", _err.ToString());
        Assert.False(File.Exists(PathOf("in.txt")));
        Assert.Equal(0, Run("-d", PathOf("in.txt.mdg")));
        Assert.Equal(large, File.ReadAllBytes(PathOf("in.txt")));
    }

    [Fact]
    public void The_tools_own_topology_limits_what_it_compresses_not_what_it_decodes()
    {
        // mdg-fast's own topology needs about 5 MiB for a short file (its APM alone takes 4 MiB); a file of a small topology decodes under 4 MiB.
        var fast = new CliHost("mdg-fast", Midicoth.Samples.FastCodec.Instance) { Out = _out, Error = _err };
        File.WriteAllBytes(PathOf("in.txt"), Data);
        Assert.Equal(ExitCodes.Usage, fast.Run(["--memory", "4M", PathOf("in.txt")]));
        Assert.Contains("above the memory limit of 4 MiB", _err.ToString());
        Assert.False(File.Exists(PathOf("in.txt.mdg")));
        Assert.Equal(0, fast.Run(["--topology", "ctx:1-16,mixer:0-6", "--memory", "4M", PathOf("in.txt")]));
        File.Delete(PathOf("in.txt"));
        Assert.Equal(0, fast.Run(["-d", "--memory", "4M", PathOf("in.txt.mdg")]));
        Assert.Equal(Data, File.ReadAllBytes(PathOf("in.txt")));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("12X")]
    [InlineData("-5M")]
    [InlineData("")]
    public void A_bad_memory_size_is_a_usage_error(string size)
    {
        Assert.Equal(ExitCodes.Usage, Run("--memory", size, "-t", PathOf("none.mdg")));
        Assert.Contains("bad memory size", _err.ToString());
    }
}
