
namespace Midicoth.Tests;

/// <summary>
/// The paper topology against the reference tool's MDC7 output, byte for byte, on every corpus file and test
/// vector; and our decoder on every reference file (ff3000.bin included, which the reference cannot decode).
/// </summary>
[Trait("Category", "Conformance")]
public class ConformanceTests
{
    // Compression and decompression are separate classes so that xUnit runs them in parallel.
    public static TheoryData<string> RowNames()
    {
        var data = new TheoryData<string>();
        foreach (var row in SharedData.Rows()) data.Add(row.Name);
        if (data.Count == 0) data.Add("(shared absent)");
        return data;
    }

    public static SharedData.ConformanceRow? Row(string name) => SharedData.Rows().FirstOrDefault(r => r.Name == name);

    [Theory]
    [MemberData(nameof(RowNames))]
    public void Compress_matches_reference(string name)
    {
        var row = Row(name);
        Assert.SkipWhen(row == null, SharedData.MissingMessage);
        byte[] input = File.ReadAllBytes(row!.InputPath);
        Assert.Equal(row.InputSha256, SharedData.Sha256Hex(input));
        byte[] packed = Mdc7Container.Compress(input);
        Assert.Equal(row.Mdc7Bytes, packed.Length);
        Assert.Equal(row.Mdc7Sha256, SharedData.Sha256Hex(packed));
    }

}

[Trait("Category", "Conformance")]
public class ConformanceDecompressTests
{
    private static SharedData.ConformanceRow? Row(string name) => ConformanceTests.Row(name);

    [Theory]
    [MemberData(nameof(ConformanceTests.RowNames), MemberType = typeof(ConformanceTests))]
    public void Decompress_reference_output(string name)
    {
        var row = Row(name);
        Assert.SkipWhen(row == null, SharedData.MissingMessage);
        byte[] packed = File.ReadAllBytes(row!.ReferencePath);
        byte[] output = Mdc7Container.Decompress(packed);
        Assert.Equal(row.InputBytes, output.Length);
        Assert.Equal(row.InputSha256, SharedData.Sha256Hex(output));
    }
}
