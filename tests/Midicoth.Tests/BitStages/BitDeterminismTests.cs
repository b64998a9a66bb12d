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
    [InlineData("fast", "alice29.txt", 37668, "94180fdaeaf16284b86458c272d9895d21ea5e3e9de92a3b96c3746ee5e646ab")]
    [InlineData("fast", "fireworks.jpeg", 121299, "8eaec884ad72a8d4df482522eaeefa4582c50411637fdbcdaaab9961ff95b607")]
    [InlineData("variety", "html", 11340, "240de18eb6f937fb9c8708e4fcfb2a84bd0f067e71946f6a070bb629627c156f")]
    [InlineData("variety", "kppkn.gtb", 34371, "3449a87d96180aac4cfca4ed4445fb0f668d728bb8e56290e0ed5a99708d3c90")]
    [InlineData("kinds", "fireworks.jpeg", 97451, "ad8eeb2ad2ecfd96ee5743b75dafdf35c63ebeefba3167c2178ee92dee43f4f3")]   // the JPEG model, the two-layer mixer, every kind beyond lpaq's
    [InlineData("kinds", "kppkn.gtb", 24655, "6b389590a57ee0bd8a1d629116f0a38b640410cfbf1dbadb204dac0d8613fb11")]
    public void Payloads_are_the_pinned_bytes(string codec, string file, int length, string sha256)
    {
        SharedData.Require();
        byte[] input = File.ReadAllBytes(Path.Combine(SharedData.Root!, "corpus", file));
        byte[] payload = BitRoundTripTests.Generated(codec).EncodePayload(input);
        Assert.Equal((length, sha256), (payload.Length, SharedData.Sha256Hex(payload)));
    }
}
