
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

    /// <summary>
    /// The data a case damages, named so that a failure says which: a slice from the middle of a corpus file
    /// (needs ../shared: skipped without it, failed in CI), or "synthetic" text made here.
    /// </summary>
    private static byte[] Data(string source, int length)
    {
        if (source == "synthetic")
        {
            // Words drawn from a small vocabulary by a seeded generator: text-like, the same on every machine.
            string[] words = ["the", "of", "compression", "model", "context", "byte", "and", "a", "predicts", "order", "\n"];
            var rng = new Random(11);
            var text = new System.Text.StringBuilder();
            while (text.Length < length) text.Append(words[rng.Next(words.Length)]).Append(' ');
            return System.Text.Encoding.ASCII.GetBytes(text.ToString(0, length));
        }
        SharedData.Require();
        byte[] all = File.ReadAllBytes(Path.Combine(SharedData.Root!, "corpus", source));
        return all.AsSpan(all.Length / 3, Math.Min(length, all.Length / 2)).ToArray();
    }

    /// <summary>
    /// 800 damaged frames of 6,000 bytes in blocks of 2,048: each must be rejected or decode to the original,
    /// never to other bytes. Damage is drawn from a seeded generator and coding is deterministic, so the number
    /// rejected is exact (the rest is damage that changed nothing: a truncated tail after the trailer, a splice
    /// that restores the same bytes, an overwrite with equal bytes).
    /// </summary>
    [Theory]
    [InlineData("alice29.txt", 1, 800)]
    [InlineData("fireworks.jpeg", 2, 799)]
    [InlineData("kppkn.gtb", 3, 800)]
    [InlineData("synthetic", 6, 799)]
    public void Mdg_frames_never_accept_damage(string source, int seed, int expectedRejected) =>
        AssertFramesNeverAcceptDamage(Cheap, source, seed, expectedRejected);

    /// <summary>
    /// The same for a bit-wise topology (binary coder, its own payload bounds): every damaged frame is rejected
    /// or decodes to the original; the counts are exact for this data and seed.
    /// </summary>
    [Theory]
    [InlineData("alice29.txt", 8, 799)]
    [InlineData("synthetic", 9, 796)]
    public void Mdg_frames_of_a_bit_wise_topology_never_accept_damage(string source, int seed, int expectedRejected) =>
        AssertFramesNeverAcceptDamage(new PipelineCodec(Topology.Parse("ctx:1-16,ctx:2-16,bitmatch:4-16,mixer:2-6,apm:0-7")), source, seed, expectedRejected);

    /// <summary>
    /// Codes 6,000 bytes of <paramref name="source"/> with <paramref name="codec"/> in blocks of 2,048 and decodes 800
    /// damaged copies: each must be rejected or give the original; exactly <paramref name="expectedRejected"/> are rejected.
    /// </summary>
    private static void AssertFramesNeverAcceptDamage(ICodec codec, string source, int seed, int expectedRejected)
    {
        byte[] data = Data(source, 6000);
        byte[] packed = MdgFrame.Compress(codec, data, new MdgOptions { BlockSize = 2048 });
        int rejected = 0, original = 0;
        foreach (byte[] damaged in Damaged(packed, seed, 800))
        {
            try
            {
                byte[] output = MdgFrame.Decompress(damaged, codec);
                Assert.True(output.AsSpan().SequenceEqual(data), $"{source}: a damaged frame decoded to other bytes");
                original++;
            }
            catch (MidicothFormatException)
            {
                rejected++;
            }
        }
        Assert.True(expectedRejected == rejected, $"{source} (seed {seed}): {rejected} of 800 rejected, {original} decoded to the original; expected {expectedRejected} rejected");
    }

    /// <summary>
    /// MDC7 has no checksum: a damaged file is rejected, decodes to the original, or decodes to other bytes of
    /// the declared length (never longer, never another exception). The counts of each are exact for this data
    /// and seed (see above).
    /// </summary>
    [Theory]
    [InlineData("alice29.txt", 4, 396, 1, 3)]
    [InlineData("geo.protodata", 5, 397, 3, 0)]
    [InlineData("synthetic", 7, 397, 0, 3)]
    public void Mdc7_files_fail_cleanly_or_decode_to_the_declared_length(string source, int seed, int expectedRejected, int expectedOriginal, int expectedOther)
    {
        byte[] data = Data(source, 700);
        byte[] packed = Mdc7Container.Compress(data);
        int rejected = 0, original = 0, other = 0;
        foreach (byte[] damaged in Damaged(packed, seed, 400))
        {
            try
            {
                byte[] output = Mdc7Container.Decompress(damaged);
                Assert.True(output.Length <= Mdc7Container.MaxDecodedLength(damaged.Length));
                if (output.AsSpan().SequenceEqual(data)) original++;
                else other++;
            }
            catch (MidicothFormatException)
            {
                rejected++;
            }
        }
        Assert.True((expectedRejected, expectedOriginal, expectedOther) == (rejected, original, other),
            $"{source} (seed {seed}): rejected {rejected}, decoded to the original {original}, to other bytes {other}; " +
            $"expected {expectedRejected}, {expectedOriginal}, {expectedOther}");
    }
}
