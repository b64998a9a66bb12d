using System.Buffers.Binary;

namespace Midicoth.Models.Transforms;

/// <summary>
/// The x86/x64 code filter (<c>x86</c>). A CALL (E8) or JMP (E9) names its target relative to the next instruction, so
/// calls to one function from many places all differ; made absolute (offset in the block plus the relative value)
/// they repeat, and the models learn them. As in 7-Zip's BCJ filter only 32-bit operands whose top byte is 00 or FF
/// are taken (targets within ±16 MiB); the result is kept to 25 bits, sign-extended, so its top byte is again 00 or
/// FF and the decoder finds the same instructions with the same test. The four bytes after any E8 or E9 are passed
/// over, converted or not: so no later conversion can change a byte an earlier test read, and both ends test the
/// same bytes.
/// <para>
/// A detector decides per 64 KiB region (<see cref="StageCatalog.X86RegionBytes"/>) whether to filter: code is
/// where the absolute targets repeat more often than the relative values do. In data (tables, text, compressed
/// streams) E8 and E9 bytes are chance, their "targets" do not repeat, and the region is left alone, so a library's
/// symbol tables and data do not get worse.
/// </para>
/// Rewritten block: 0 and the block as it is, when no region looks like code; else 1, the length (varint), one flag
/// bit per region (bit r of byte r/8), then the block, filtered where flagged.
/// </summary>
public sealed class X86Transform : IBlockTransform
{
    private const int Region = StageCatalog.X86RegionBytes;

    /// <summary>Fewer candidates than this in a region say nothing either way: the region is left alone.</summary>
    private const int MinCandidates = 16;

    /// <summary>Bytes of region flags for a block of <paramref name="length"/> bytes (the catalog's figure).</summary>
    private static int FlagBytes(long length) => (int)StageCatalog.X86RegionFlagBytes(length);

    public long MaxRewrittenLength(long length) => StageCatalog.X86.RewrittenLength!(length);

    public byte[] Forward(ReadOnlySpan<byte> block)
    {
        var flags = new byte[FlagBytes(block.Length)];
        bool any = false;
        for (int start = 0, r = 0; start < block.Length; start += Region, r++)
        {
            if (!LooksLikeCode(block, start, Math.Min(block.Length, start + Region))) continue;
            flags[r >> 3] |= (byte)(1 << (r & 7));
            any = true;
        }
        var rewritten = new SideDataWriter(block.Length + flags.Length + 8);
        rewritten.WriteByte(any ? (byte)1 : (byte)0);
        if (!any)
        {
            rewritten.WriteBytes(block);
            return rewritten.ToArray();
        }
        rewritten.WriteNumber(block.Length);
        rewritten.WriteBytes(flags);
        Span<byte> body = rewritten.Reserve(block.Length);
        block.CopyTo(body);
        Filter(body, flags, encode: true);
        rewritten.Advance(block.Length);
        return rewritten.ToArray();
    }

    public byte[] Inverse(ReadOnlySpan<byte> rewritten, long maxLength)
    {
        var reader = new SideDataReader(rewritten, "x86");
        if (reader.ReadNumber("mode", 0, 1) == 0)
        {
            if (reader.Rest.Length > maxLength) throw reader.Damaged($"its block of {reader.Rest.Length} bytes is longer than {maxLength}");
            return reader.Rest.ToArray();
        }
        long length = reader.ReadNumber("block length", 0, Math.Min(maxLength, rewritten.Length));
        ReadOnlySpan<byte> flags = reader.ReadBytes("region flags", FlagBytes(length));
        byte[] block = reader.ReadBytes("block", length).ToArray();
        if (reader.Rest.Length != 0) throw reader.Damaged($"{reader.Rest.Length} bytes follow the block");
        Filter(block, flags, encode: false);
        return block;
    }

    /// <summary>Whether <paramref name="i"/> holds a CALL or JMP opcode (E8 or E9): its next four bytes are its operand.</summary>
    private static bool IsOpcode(ReadOnlySpan<byte> b, int i) => (b[i] & 0xFE) == 0xE8;

    /// <summary>Whether the operand after the opcode at <paramref name="i"/> is one the filter takes: its top byte is 00 or FF.</summary>
    private static bool IsTaken(ReadOnlySpan<byte> b, int i) => (byte)(b[i + 4] + 1) <= 1;

    /// <summary>Makes the flagged regions' targets absolute (<paramref name="encode"/>) or relative again.</summary>
    private static void Filter(Span<byte> b, ReadOnlySpan<byte> flags, bool encode)
    {
        for (int i = 0; i + 5 <= b.Length;)
        {
            if (!IsOpcode(b, i))
            {
                i++;
                continue;
            }
            int region = i / Region;
            int next = i + 5;
            if (IsTaken(b, i) && (flags[region >> 3] & (1 << (region & 7))) != 0)
            {
                int operand = BinaryPrimitives.ReadInt32LittleEndian(b[(i + 1)..]);
                int target = encode ? operand + next : operand - next;
                BinaryPrimitives.WriteInt32LittleEndian(b[(i + 1)..], (target << 7) >> 7);
            }
            i = next;
        }
    }

    /// <summary>
    /// The detector: whether the candidates in <paramref name="start"/>..<paramref name="end"/> repeat more often as
    /// absolute targets than as relative values (what the filter would do to the models' view of them).
    /// </summary>
    private static bool LooksLikeCode(ReadOnlySpan<byte> b, int start, int end)
    {
        var relative = new List<int>();
        var absolute = new List<int>();
        for (int i = start; i < end && i + 5 <= b.Length;)
        {
            if (!IsOpcode(b, i))
            {
                i++;
                continue;
            }
            if (IsTaken(b, i))
            {
                int operand = BinaryPrimitives.ReadInt32LittleEndian(b[(i + 1)..]);
                relative.Add(operand);
                absolute.Add(((operand + i + 5) << 7) >> 7);
            }
            i += 5;
        }
        if (relative.Count < MinCandidates) return false;
        return Repeats(absolute) > Repeats(relative);
    }

    /// <summary>How many values are equal to an earlier one.</summary>
    private static int Repeats(List<int> values)
    {
        values.Sort();
        int repeats = 0;
        for (int i = 1; i < values.Count; i++) if (values[i] == values[i - 1]) repeats++;
        return repeats;
    }
}
