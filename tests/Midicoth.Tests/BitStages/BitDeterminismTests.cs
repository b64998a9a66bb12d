using Midicoth.Samples;

namespace Midicoth.Tests;

/// <summary>
/// Bit-wise codecs give the same bytes on every machine, with or without SIMD: the payloads of three topologies on
/// two corpus files each are pinned here by length and SHA-256 (produced on the development machine). CI runs these
/// with hardware intrinsics and again with <c>DOTNET_EnableHWIntrinsic=0</c> (they are in the Conformance
/// category), so a path that depended on the instruction set would fail one of the two runs.
/// </summary>
[Trait("Category", "Conformance")]
public class BitDeterminismTests
{
    [Theory]
    [InlineData("fast", "alice29.txt", 37646, "e74a48ed8694d1497caa1cd7921ef1e8e60b859703e07f0ef5279dde64845151")]   // with deflate and x86 (which find nothing here: 3 bytes)
    [InlineData("fast", "fireworks.jpeg", 121194, "354617804718d9e6b481a5cd070b0c894a099870757e3eb85d6652b77319fb84")]
    [InlineData("variety", "html", 11299, "281efb758382ff33acaaefe112718acef6b489e83cca124503f25c686d5c45b9")]
    [InlineData("variety", "kppkn.gtb", 34363, "4ab349d64bf47a950c9368b106415805d95ac3d18c7136c63c53fd3cf335435c")]
    [InlineData("kinds", "fireworks.jpeg", 97385, "698ac46ecca54293e1ed9c05f6b558f3eca8a892cb8989fbb352bd6aeae4678d")]   // the JPEG model, the two-layer mixer, every kind beyond lpaq's
    [InlineData("kinds", "kppkn.gtb", 24481, "c610abaca3e7a031536f8c3488ac59c846ad0fd57c891a247da2a6fd87f49ab2")]
    public void Payloads_are_the_pinned_bytes(string codec, string file, int length, string sha256)
    {
        SharedData.Require();
        byte[] input = File.ReadAllBytes(Path.Combine(SharedData.Root!, "corpus", file));
        byte[] payload = BitRoundTripTests.Generated(codec).EncodePayload(input);
        Assert.Equal(sha256, SharedData.Sha256Hex(payload));
        Assert.Equal(length, payload.Length);
    }
}
