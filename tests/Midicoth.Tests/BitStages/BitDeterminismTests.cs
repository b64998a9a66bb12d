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
    [InlineData("fast", "alice29.txt", 37671, "f323b7bbd21cc22cd80efba6e7f074d8d13f7c0b819d2364e43854cc4fe4bae4")]   // with deflate and x86 (which find nothing here: 3 bytes)
    [InlineData("fast", "fireworks.jpeg", 121299, "a96b9f41fc90227bf6029bc5514c6cdea89d37ec0035e896692ab81860e68c02")]
    [InlineData("variety", "html", 11340, "240de18eb6f937fb9c8708e4fcfb2a84bd0f067e71946f6a070bb629627c156f")]
    [InlineData("variety", "kppkn.gtb", 34371, "3449a87d96180aac4cfca4ed4445fb0f668d728bb8e56290e0ed5a99708d3c90")]
    [InlineData("kinds", "fireworks.jpeg", 97451, "ad8eeb2ad2ecfd96ee5743b75dafdf35c63ebeefba3167c2178ee92dee43f4f3")]   // the JPEG model, the two-layer mixer, every kind beyond lpaq's
    [InlineData("kinds", "kppkn.gtb", 24655, "6b389590a57ee0bd8a1d629116f0a38b640410cfbf1dbadb204dac0d8613fb11")]
    public void Payloads_are_the_pinned_bytes(string codec, string file, int length, string sha256)
    {
        SharedData.Require();
        byte[] input = File.ReadAllBytes(Path.Combine(SharedData.Root!, "corpus", file));
        byte[] payload = BitRoundTripTests.Generated(codec).EncodePayload(input);
        Assert.Equal(sha256, SharedData.Sha256Hex(payload));
        Assert.Equal(length, payload.Length);
    }
}
