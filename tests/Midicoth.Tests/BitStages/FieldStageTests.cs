using Midicoth.Samples;

namespace Midicoth.Tests;

/// <summary>
/// The user-stage sample (<c>samples/Fields</c>): a stage written outside the library with its public API, compiled into
/// a generated codec, registered for the run-time side, on real files of its kind (a dpkg log and a TSV table, 16 KB
/// of each, in <c>Data/</c>).
/// </summary>
public class FieldStageTests
{
    private static byte[] Sample(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "BitStages", "Data", name));

    private const string Fast = "ctx:1-16,ctx:2-20,ctx:3-22,ctx:5-22,words:22,bitmatch:6-22,mixer:3-6,apm:1-6";

    [Theory]
    [InlineData("dpkg-sample.log")]
    [InlineData("nuget-sample.tsv")]
    public void The_generated_codec_and_the_run_time_pipeline_give_the_same_bytes(string name)
    {
        byte[] data = Sample(name);
        Assert.Equal("ctx:1-16,ctx:2-20,ctx:3-22,ctx:5-22,words:22,bitmatch:6-22,example.fields:22,mixer:3-6,apm:1-6", FieldsCodec.TopologyText);
        byte[] generated = FieldsCodec.Instance.EncodePayload(data);
        Assert.Equal(BitPipeline.Encode(Topology.Parse(FieldsCodec.TopologyText), data), generated);
        byte[] frame = FieldsCodec.Compress(data);
        Assert.Equal(data, MdgFrame.Decompress(frame));                            // run-time pipeline
        Assert.Equal(data, MdgFrame.Decompress(frame, FieldsCodec.Instance));      // generated
    }

    /// <summary>
    /// It pays on a log (fields of varying width: 14% on the whole dpkg.log); on 16 KB of a table it has too little to
    /// learn from (on the whole 522 KB file it gains 1%, see the README), and costs at most 1%.
    /// </summary>
    [Theory]
    [InlineData("dpkg-sample.log", 0.95)]
    [InlineData("nuget-sample.tsv", 1.01)]
    public void The_stage_pays_on_logs_and_costs_little_on_a_short_table(string name, double atMost)
    {
        byte[] data = Sample(name);
        double ratio = (double)FieldsCodec.Instance.EncodePayload(data).Length / BitPipeline.Encode(Topology.Parse(Fast), data).Length;
        Assert.True(ratio < atMost, $"{name}: Fast with the field stage is {ratio:F4} of Fast");
    }

    [Theory]
    [InlineData(16)]
    [InlineData(26)]
    public void The_stage_allocates_at_most_what_it_declares(int bits)
    {
        byte[] data = [.. Sample("dpkg-sample.log"), .. Sample("nuget-sample.tsv")];
        StageMemoryReport report = StageMemoryAudit.Measure("example.fields:" + bits, data);
        Assert.True(report.Holds, report.ToString());
    }
}
