
namespace Midicoth.Tests;

public class ContextHashTests
{
    [Fact]
    public void Matches_published_fnv1a64_values()
    {
        Assert.Equal(0xcbf29ce484222325UL, ContextHash.Of([]));
        Assert.Equal(0xaf63dc4c8601ec8cUL, ContextHash.Of("a"u8));
        Assert.Equal(0x85944171f73967e8UL, ContextHash.Of("foobar"u8));
    }

    [Fact]
    public void Suffix_hashes_the_last_bytes_oldest_first()
    {
        Assert.Equal(ContextHash.Of("bar"u8), ContextHash.OfSuffix("foobar"u8, 3));
    }
}
