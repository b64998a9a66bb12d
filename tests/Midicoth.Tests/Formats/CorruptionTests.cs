
namespace Midicoth.Tests;

/// <summary>
/// Damaged compressed files: bit flips, truncations, splices and byte overwrites, thousands of cases. Each must
/// decode to the exact original or fail with <see cref="MidicothFormatException"/>: never another exception,
/// a hang or a huge allocation. Our frame (.mdg) has checksums, so wrong output is never accepted there; MDC7
/// has none, so there a damaged payload can decode to other bytes of the declared length — counted, not failed.
/// </summary>
[Trait("Category", "Corruption")]
public class CorruptionTests
{
    private static readonly ICodec Cheap = new PipelineCodec(Topology.Parse("ppm:1"));

    private static IEnumerable<byte[]> Damaged(byte[] packed, int seed, int count)
    {
        var rng = new Random(seed);
        for (int k = 0; k < count; k++)
        {
            byte[] copy = (byte[])packed.Clone();
            switch (k % 4)
            {
                case 0:
                    copy[rng.Next(copy.Length)] ^= (byte)(1 << rng.Next(8));
                    yield return copy;
                    break;
                case 1:
                    yield return copy[..rng.Next(copy.Length)];
                    break;
                case 2:
                    int cut = rng.Next(copy.Length);
                    int from = rng.Next(copy.Length);
                    yield return [.. copy[..cut], .. copy[from..]];
                    break;
                default:
                    int at = rng.Next(copy.Length);
                    int len = Math.Min(copy.Length - at, rng.Next(1, 9));
                    rng.NextBytes(copy.AsSpan(at, len));
                    yield return copy;
                    break;
            }
        }
    }

    private static byte[] Slice(string file, int length)
    {
        string? root = SharedData.Root;
        if (root != null)
        {
            byte[] all = File.ReadAllBytes(Path.Combine(root, "corpus", file));
            return all.AsSpan(all.Length / 3, Math.Min(length, all.Length / 2)).ToArray();
        }
        return RoundTripTests.Input("text");
    }

    [Theory]
    [InlineData("alice29.txt", 1)]
    [InlineData("fireworks.jpeg", 2)]
    [InlineData("kppkn.gtb", 3)]
    public void Mdg_frames_never_accept_damage(string file, int seed)
    {
        byte[] data = Slice(file, 6000);
        byte[] packed = MdgFrame.Compress(Cheap, data, new MdgOptions { BlockSize = 2048 });
        int failures = 0;
        foreach (byte[] damaged in Damaged(packed, seed, 800))
        {
            try
            {
                byte[] output = MdgFrame.Decompress(damaged, Cheap);
                Assert.Equal(data, output);
            }
            catch (MidicothFormatException)
            {
                failures++;
            }
        }
        Assert.True(failures > 700, $"only {failures} of 800 damaged frames were rejected");
    }

    [Theory]
    [InlineData("alice29.txt", 4)]
    [InlineData("geo.protodata", 5)]
    public void Mdc7_files_fail_cleanly_or_decode_to_the_declared_length(string file, int seed)
    {
        byte[] data = Slice(file, 700);
        byte[] packed = Mdc7Container.Compress(data);
        int rejected = 0, silent = 0;
        foreach (byte[] damaged in Damaged(packed, seed, 400))
        {
            try
            {
                byte[] output = Mdc7Container.Decompress(damaged);
                if (!output.AsSpan().SequenceEqual(data)) silent++;
                Assert.True(output.Length <= Mdc7Container.MaxDecodedLength(damaged.Length));
            }
            catch (MidicothFormatException)
            {
                rejected++;
            }
        }
        Assert.True(rejected > silent, $"rejected {rejected}, silently different {silent}");
    }
}
