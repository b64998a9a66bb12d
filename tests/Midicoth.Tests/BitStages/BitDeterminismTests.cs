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
    [InlineData("fast", "alice29.txt", 37670, "54a78d852799fe4a0b90bce1f00cc7b2d46a9e3b97f3746a384ff20738fd8deb")]   // with deflate and x86 (which find nothing here: 3 bytes)
    [InlineData("fast", "fireworks.jpeg", 121215, "13c51da43f7d252b75a8802ee99cabba1a8124d36971a72df686e8ae3f4d51dd")]
    [InlineData("variety", "html", 11332, "e119ef1e35119e95636bc126be2dbaddc05a4dbed096f9f6f0b71875d804482b")]
    [InlineData("variety", "kppkn.gtb", 34357, "7ba7a3a9f18d9df92b7fc9f098632d9e2876b50f801f6c3e9a4b6e8751a03913")]
    [InlineData("kinds", "fireworks.jpeg", 97401, "4830e7c5923bf332c0ad1c7080518b67b7b7fce5c9040f1520fc6416e6ad0cb8")]   // the JPEG model, the two-layer mixer, every kind beyond lpaq's
    [InlineData("kinds", "kppkn.gtb", 24522, "0d6b5dd470cf327d6c0ebceff61c4f417720a99315cb9751dadd213433c7e00e")]
    public void Payloads_are_the_pinned_bytes(string codec, string file, int length, string sha256)
    {
        SharedData.Require();
        byte[] input = File.ReadAllBytes(Path.Combine(SharedData.Root!, "corpus", file));
        byte[] payload = BitRoundTripTests.Generated(codec).EncodePayload(input);
        Assert.Equal(sha256, SharedData.Sha256Hex(payload));
        Assert.Equal(length, payload.Length);
    }
}
