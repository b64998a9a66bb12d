
namespace Midicoth.Tests;

public class TopologyTests
{
    [Fact]
    public void Paper_topology_has_its_canonical_text()
    {
        Assert.Equal("ppm:4,match,word,highorder,denoise:3", Topology.Paper.Text);
        Assert.True(Topology.Paper.IsPaper);
        Assert.Equal(4, Topology.Paper.Stage(StageKind.Ppm)!["Order"]);
        Assert.Equal(3, Topology.Paper.Stage(StageKind.Denoise)!["Steps"]);
        Assert.Equal([StageKind.Ppm, StageKind.Match, StageKind.Word, StageKind.HighOrder, StageKind.Denoise], Topology.Paper.Stages.Select(s => s.Kind));
    }

    [Theory]
    [InlineData("ppm:4, match:4-16 ,WORD,highorder:5-8,denoise:3", "ppm:4,match,word,highorder,denoise:3")]
    [InlineData("ppm", "ppm:4")]
    [InlineData("ppm:2,match:6-12", "ppm:2,match:6-12")]
    [InlineData("ppm:6,highorder:7-10,denoise:1", "ppm:6,highorder:7-10,denoise:1")]
    public void Parses_to_canonical_text(string text, string canonical)
    {
        Assert.Equal(canonical, Topology.Parse(text).Text);
    }

    [Theory]
    [InlineData("", "starts with")]
    [InlineData("match,ppm:4", "'ppm' must be the first stage")]
    [InlineData("match,word", "needs a base stage")]
    [InlineData("ctx:2-22,ppm:4", "a topology is either byte-wise")]
    [InlineData("ppm:4,ctx:2-22,mixer:3-6", "a topology is either byte-wise")]
    [InlineData("ctx:1-22,ctx:2-22", "no mixer")]
    [InlineData("mixer:3-6", "has no inputs")]
    [InlineData("ctx:1-22,apm:1-7,mixer:3-6", "must come after the mixer")]
    [InlineData("ctx:1-22,mixer:3-6,ctx:2-22", "must come before the mixer")]
    [InlineData("ctx:1-22,ctx:1-22,mixer:3-6", "twice with the same parameters")]
    [InlineData("ctx:1-22,mixer:3-6,mixer:2-6", "twice")]
    [InlineData("ctx:17-22,mixer:3-6", "ctx Order must be 0..16")]
    [InlineData("ctx:2-31,mixer:3-6", "ctx Bits must be 16..30")]
    [InlineData("ctx:2,mixer:3-6", "bad parameters")]
    [InlineData("ppm:4,ppm:2", "twice")]
    [InlineData("ppm:13", "ppm Order must be 0..12")]
    [InlineData("ppm:-1", "bad parameters")]
    [InlineData("ppm:4,denoise:0", "denoise")]
    [InlineData("ppm:4,denoise:3,match", "last")]
    [InlineData("ppm:4,lstm", "unknown stage")]
    [InlineData("ppm:4,match:20-23", "match MinLength must be 2,3,4,6,8,12,16,24,32")]
    [InlineData("ppm:4,highorder:9-5", "must not exceed")]
    [InlineData("ppm:4,word:3", "takes no parameter")]
    public void Rejects_what_cannot_run(string text, string reason)
    {
        Assert.False(Topology.TryParse(text, out _, out string? error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void A_bit_wise_topology_knows_its_memory_and_inputs_from_its_text()
    {
        var t = Topology.Parse("ctx:1-16,ctx:2-22,words:20,bitmatch:6-22,mixer:3-6,apm:1-7");
        Assert.True(t.IsBitWise);
        Assert.Equal(1 + 1 + 2 + 2 + 1, t.MixerInputs);
        long expected = (1L << 16) + 64 + 2048 + (1L << 22) + 64 + 2048 + (1L << 20) + 64 + 2048 + (2L << 22) + 256
            + 1024 * 4L * 64 + 65536L * 33 * 2
            + 6 * StageCatalog.StageBookkeepingBytes;   // each stage's own fields and small arrays
        Assert.Equal(expected, t.MemoryBytes);
        Assert.Null(Topology.Paper.MemoryBytes);
        Assert.False(Topology.Paper.IsBitWise);
    }

    [Fact]
    public void Repeated_context_maps_with_other_parameters_are_one_topology()
    {
        var t = Topology.Parse("ctx:2-20,ctx:2-22,mixer:0-6");
        Assert.Equal("ctx:2-20,ctx:2-22,mixer:0-6", t.Text);
    }
}
