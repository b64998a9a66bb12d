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
    [InlineData("variety", "html", 11306, "daf7033ec8108772e691cef941937a9c1a471c5f48b7f18caae8f06b4fd74456")]
    [InlineData("variety", "kppkn.gtb", 34353, "af9497782b3d22ced773b445d01666073dd37297f809e24eaa42bfc50a538627")]
    [InlineData("kinds", "fireworks.jpeg", 97397, "e108d43fc2f6fd356d7961ea64e97b90276b1288536cc40f9cbf2f69b1442794")]   // the JPEG model, the two-layer mixer, every kind beyond lpaq's
    [InlineData("kinds", "kppkn.gtb", 24516, "bcb140ab5ab623f3d1a70833c15019a6199b58a597d2c6fb6caa14dd00a9011e")]
    public void Payloads_are_the_pinned_bytes(string codec, string file, int length, string sha256)
    {
        SharedData.Require();
        byte[] input = File.ReadAllBytes(Path.Combine(SharedData.Root!, "corpus", file));
        byte[] payload = BitRoundTripTests.Generated(codec).EncodePayload(input);
        Assert.Equal(sha256, SharedData.Sha256Hex(payload));
        Assert.Equal(length, payload.Length);
    }
}
