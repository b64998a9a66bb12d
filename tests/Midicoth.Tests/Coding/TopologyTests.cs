
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
    [InlineData("match,ppm:4", "starts with")]
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
}
