using Midicoth.Samples;

namespace Midicoth.Tests;

/// <summary>
/// The paper topology against the reference tool's MDC7 output, byte for byte, on every row of
/// ../shared/conformance/mdc7.tsv, through both paths: the generated codec the midicoth tool ships
/// (<see cref="MidicothCodec"/>, its very declaration) and the run-time pipeline. And both decoders on every
/// reference file, after checking that file against its recorded sha256 (ff3000.bin included, which the
/// reference itself cannot decode).
/// </summary>
[Trait("Category", "Conformance")]
public class ConformanceTests
{
    public const string Absent = "(../shared absent)";

    /// <summary>The rows' names; one placeholder when ../shared is absent, which skips (fails in CI).</summary>
    public static TheoryData<string> RowNames()
    {
        var data = new TheoryData<string>();
        foreach (var row in SharedData.Rows()) data.Add(row.Name);
        if (data.Count == 0) data.Add(Absent);
        return data;
    }

    /// <summary>The row called <paramref name="name"/>: skips without ../shared (fails in CI); fails on an empty set.</summary>
    public static SharedData.ConformanceRow Row(string name)
    {
        if (name == Absent) SharedData.Require();
        IReadOnlyList<SharedData.ConformanceRow> rows = SharedData.Rows();
        Assert.True(rows.Count > 0, "conformance/mdc7.tsv has no rows: nothing would be checked");
        return rows.Single(r => r.Name == name);
    }

    public static ICodec Path(string path) => path == "generated" ? MidicothCodec.Instance : PipelineCodec.Paper;

    public static TheoryData<string, string> RowsByPath()
    {
        var data = new TheoryData<string, string>();
        foreach (string path in (string[])["generated", "pipeline"])
        {
            foreach (string name in RowNames()) data.Add(name, path);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RowsByPath))]
    public void Compress_matches_reference(string name, string path)
    {
        var row = Row(name);
        byte[] input = File.ReadAllBytes(row.InputPath);
        Assert.Equal(row.InputSha256, SharedData.Sha256Hex(input));
        byte[] packed = Mdc7Container.Compress(Path(path), input);
        Assert.Equal(row.Mdc7Bytes, packed.Length);
        Assert.Equal(row.Mdc7Sha256, SharedData.Sha256Hex(packed));
    }

    [Fact]
    public void The_generated_codec_is_the_compiled_paper_topology_not_the_pipeline()
    {
        Assert.Equal(MidicothCodec.TopologyText, Topology.Paper.Text);
        Assert.IsNotType<PipelineCodec>(MidicothCodec.Instance);
    }
}

[Trait("Category", "Conformance")]
public class ConformanceDecompressTests
{
    [Theory]
    [MemberData(nameof(ConformanceTests.RowsByPath), MemberType = typeof(ConformanceTests))]
    public void Decompress_reference_output(string name, string path)
    {
        var row = ConformanceTests.Row(name);
        byte[] packed = File.ReadAllBytes(row.ReferencePath);
        // The reference file itself first: a damaged copy must not pass for a decoder bug (or hide one).
        Assert.Equal(row.Mdc7Sha256, SharedData.Sha256Hex(packed));
        byte[] output = Mdc7Container.Decompress(ConformanceTests.Path(path), packed);
        Assert.Equal(row.InputBytes, output.Length);
        Assert.Equal(row.InputSha256, SharedData.Sha256Hex(output));
    }
}
