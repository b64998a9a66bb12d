using System.Buffers.Binary;

namespace Midicoth.Tests;

public class Mdc7ContainerTests
{
    [Fact]
    public void Empty_input_is_the_bare_header()
    {
        Assert.Equal("4d4443370000000000000000", Convert.ToHexStringLower(Mdc7Container.Compress([])));
        Assert.Empty(Mdc7Container.Decompress(Convert.FromHexString("4d4443370000000000000000")));
    }

    [Fact]
    public void Foreign_truncated_and_lying_headers_are_rejected_before_allocation()
    {
        Assert.Throws<MidicothFormatException>(() => Mdc7Container.Decompress("PK\x03\x04 not ours"u8.ToArray()));
        Assert.Throws<MidicothFormatException>(() => Mdc7Container.Decompress("MDC7\x01\x02"u8.ToArray()));

        byte[] packed = Mdc7Container.Compress("hello hello hello"u8);
        BinaryPrimitives.WriteUInt64LittleEndian(packed.AsSpan(4), 1UL << 40);
        var e = Assert.Throws<MidicothFormatException>(() => Mdc7Container.Decompress(packed));
        Assert.Contains("cannot be coded", e.Message);
    }

    [Fact]
    public void Truncation_and_appended_bytes_are_errors()
    {
        byte[] data = "The quick brown fox jumps over the lazy dog. "u8.ToArray();
        byte[] packed = Mdc7Container.Compress(data);
        Assert.Throws<MidicothFormatException>(() => Mdc7Container.Decompress(packed[..^3]));
        Assert.Throws<MidicothFormatException>(() => Mdc7Container.Decompress([.. packed, 0, 0, 0, 0, 0]));
    }
}
