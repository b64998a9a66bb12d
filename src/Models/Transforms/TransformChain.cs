namespace Midicoth.Models.Transforms;

/// <summary>
/// The transforms at the head of a topology, run on one block: forward in order before the models, inverse in the
/// opposite order after them. A block's payload is then how much longer or shorter the rewritten block is than the
/// block (a zigzag varint: one byte when the transforms found nothing to do) and the models' coding of the rewritten block. The decoder reads that length and refuses it, before allocating anything, if it is more than the
/// transforms can make of the block (<see cref="IBlockTransform.MaxRewrittenLength"/>); each inverse bounds its own
/// output the same way, and the restored block must have exactly the block's length (its CRC is the frame's check).
/// </summary>
public sealed class TransformChain(params IBlockTransform[] transforms)
{
    private readonly IBlockTransform[] _transforms = transforms;

    /// <summary>The block rewritten by every transform in turn.</summary>
    public byte[] Forward(ReadOnlySpan<byte> block)
    {
        if (_transforms.Length == 0) return block.ToArray();
        byte[] current = [];
        ReadOnlySpan<byte> input = block;
        foreach (IBlockTransform transform in _transforms)
        {
            long bound = transform.MaxRewrittenLength(input.Length);
            current = transform.Forward(input);
            if (current.Length > bound) throw new InvalidOperationException($"{transform.GetType().Name} wrote {current.Length} bytes, above its bound of {bound}");
            input = current;
        }
        return current;
    }

    /// <summary>The payload of a block of <paramref name="length"/> bytes: the rewritten length's difference from it, then the models' bytes.</summary>
    public static byte[] Payload(int length, int rewrittenLength, byte[] coded)
    {
        var payload = new SideDataWriter(coded.Length + 10);
        long difference = (long)rewrittenLength - length;
        payload.WriteNumber(difference >= 0 ? 2 * difference : -2 * difference - 1);
        payload.WriteBytes(coded);
        return payload.ToArray();
    }

    /// <summary>
    /// Reads the rewritten length at the start of a payload (moving <paramref name="offset"/> and <paramref name="count"/>
    /// past it) and returns a buffer of that length for the models to decode into, after checking it against what
    /// the transforms can make of <paramref name="contentLength"/> bytes.
    /// </summary>
    public byte[] RewrittenBuffer(byte[] payload, ref int offset, ref int count, int contentLength)
    {
        var reader = new SideDataReader(payload.AsSpan(offset, count), "block's");
        long bound = Math.Min(BoundAfter(_transforms.Length, contentLength), Array.MaxLength);
        // Zigzag: even numbers are growth, odd ones shrinking; either way the length lies in 0..bound.
        long zigzag = reader.ReadNumber("rewritten length", 0, 2 * Math.Max(bound - contentLength, contentLength) + 1);
        long length = contentLength + ((zigzag & 1) == 0 ? zigzag / 2 : -(zigzag + 1) / 2);
        if (length < 0 || length > bound) throw reader.Damaged($"its rewritten length is {length}, outside 0..{bound}");
        offset += reader.Position;
        count -= reader.Position;
        return new byte[(int)length];
    }

    /// <summary>Restores <paramref name="output"/> from the decoded <paramref name="rewritten"/> block, inverse transforms last to first.</summary>
    public void Inverse(byte[] rewritten, Span<byte> output)
    {
        byte[] current = rewritten;
        for (int i = _transforms.Length - 1; i >= 0; i--)
        {
            current = _transforms[i].Inverse(current, Math.Min(BoundAfter(i, output.Length), Array.MaxLength));
        }
        if (current.Length != output.Length) throw new MidicothFormatException($"corrupt block: the transforms restored {current.Length} bytes, not {output.Length}");
        current.CopyTo(output);
    }

    /// <summary>The most bytes a block of <paramref name="length"/> becomes through the first <paramref name="count"/> transforms.</summary>
    private long BoundAfter(int count, long length)
    {
        for (int i = 0; i < count; i++) length = _transforms[i].MaxRewrittenLength(length);
        return length;
    }
}
