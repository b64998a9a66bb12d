using System.Buffers.Binary;

namespace Midicoth.Tests;

/// <summary>The x86 code filter: round trips, its detector, and a refusal for each way its data can be damaged.</summary>
public class X86TransformTests
{
    private static readonly X86Transform Filter = new();

    private static byte[] RoundTrip(byte[] data)
    {
        byte[] rewritten = Filter.Forward(data);
        Assert.True(rewritten.Length <= Filter.MaxRewrittenLength(data.Length));
        Assert.Equal(data, Filter.Inverse(rewritten, data.Length));
        return rewritten;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(65536 + 3)]
    [InlineData(300_000)]
    public void Code_and_random_bytes_of_any_length_round_trip(int length)
    {
        RoundTrip(SyntheticCode.Make(length, seed: length));
        var random = new byte[length];
        new Random(length).NextBytes(random);
        RoundTrip(random);
    }

    [Fact]
    public void Operands_that_straddle_a_region_edge_and_back_to_back_opcodes_round_trip()
    {
        // E8 E8 E8 ... with 00/FF operands everywhere, across the 64 KiB edge: every fifth byte is converted, and a
        // converted operand's bytes are never tested as opcodes (the four bytes after any E8/E9 are passed over).
        byte[] code = SyntheticCode.Make(140_000, seed: 9);
        for (int i = 65_520; i < 65_560; i++) code[i] = (i % 3) switch { 0 => 0xE8, 1 => 0xFF, _ => 0x00 };
        code[^5] = 0xE9;
        RoundTrip(code);
    }

    [Fact]
    public void Code_gets_its_targets_made_absolute_so_that_they_repeat()
    {
        byte[] code = SyntheticCode.Make(60_000, seed: 1);
        byte[] rewritten = RoundTrip(code);
        ReadOnlySpan<byte> body = rewritten.AsSpan(rewritten.Length - code.Length);
        Assert.False(body.SequenceEqual(code));
        Assert.True(DistinctOperands(body) * 4 < DistinctOperands(code), "absolute targets repeat");
    }

    [Fact]
    public void Text_and_random_data_are_left_as_they_are()
    {
        // The detector sees E8/E9 bytes of chance whose "targets" do not repeat: no region is flagged.
        var random = new byte[200_000];
        new Random(3).NextBytes(random);
        for (int i = 0; i < random.Length; i += 97) { random[i] = 0xE8; random[i + 4 < random.Length ? i + 4 : i] = 0; }
        byte[] rewritten = RoundTrip(random);
        Assert.Equal(random.Length + 1, rewritten.Length);
        Assert.Equal(0, rewritten[0]);
        Assert.True(rewritten.AsSpan(1).SequenceEqual(random));
    }

    [Fact]
    public void A_table_of_repeated_records_with_E8_bytes_is_left_as_it_is()
    {
        // Records whose E8 and "operand" bytes repeat as they are: converting them would make each one differ.
        byte[] record = [0xE8, 0x10, 0x20, 0x00, 0x00, 0x41, 0x42, 0x43];
        byte[] table = Enumerable.Range(0, 20_000).SelectMany(_ => record).ToArray();
        byte[] rewritten = RoundTrip(table);
        Assert.True(rewritten.AsSpan(rewritten.Length - table.Length).SequenceEqual(table));
    }

    private static int DistinctOperands(ReadOnlySpan<byte> b)
    {
        var seen = new HashSet<int>();
        for (int i = 0; i + 5 <= b.Length; i++)
        {
            if ((b[i] & 0xFE) != 0xE8) continue;
            seen.Add(BinaryPrimitives.ReadInt32LittleEndian(b[(i + 1)..]));
            i += 4;
        }
        return seen.Count;
    }

    // Damage: each check of Inverse refuses with one line naming the transform.

    private static string Refusal(byte[] rewritten, long maxLength) =>
        Assert.Throws<MidicothFormatException>(() => Filter.Inverse(rewritten, maxLength)).Message;

    [Fact]
    public void A_length_above_what_the_block_may_hold_is_refused()
    {
        byte[] rewritten = Filter.Forward(SyntheticCode.Make(1000, seed: 2));
        Assert.Contains("x86 transform's data is damaged: its block length is 1000, outside 0..999", Refusal(rewritten, 999));
    }

    [Fact]
    public void A_length_longer_than_the_data_is_refused()
    {
        byte[] rewritten = Filter.Forward(SyntheticCode.Make(1000, seed: 2));
        Assert.Contains("its block length is 1000, outside 0..", Refusal(rewritten[..500], 5000));
    }

    [Fact]
    public void Cut_short_region_flags_are_refused()
    {
        // A length of 1 has one flag byte; only the mode and the length are there.
        Assert.Contains("its region flags (1 bytes) runs past the block", Refusal([0x01, 0x01], 1000));
    }

    [Fact]
    public void A_block_cut_short_is_refused()
    {
        byte[] rewritten = Filter.Forward(SyntheticCode.Make(1000, seed: 2));
        Assert.Contains("its block (1000 bytes) runs past the block", Refusal(rewritten[..^1], 1000));
    }

    [Fact]
    public void Bytes_after_the_block_are_refused()
    {
        byte[] rewritten = Filter.Forward(SyntheticCode.Make(1000, seed: 2));
        Assert.Contains("1 bytes follow the block", Refusal([.. rewritten, 0], 1000));
    }

    [Fact]
    public void A_length_that_does_not_end_is_refused()
    {
        Assert.Contains("its block length is cut short", Refusal([0x01, 0x80, 0x80], 1000));
        Assert.Contains("its block length is too long", Refusal([0x01, .. Enumerable.Repeat((byte)0x80, 12)], 1000));
    }

    [Fact]
    public void An_unknown_mode_is_refused() => Assert.Contains("its mode is 2, outside 0..1", Refusal([0x02, 0, 0], 1000));

    [Fact]
    public void A_block_left_as_it_is_but_longer_than_the_block_may_be_is_refused() =>
        Assert.Contains("its block of 3 bytes is longer than 2", Refusal([0x00, 1, 2, 3], 2));
}
