namespace Midicoth.Models.Transforms;

/// <summary>
/// Reads the side data a transform wrote in front of its block, trusting none of it: each read checks that the
/// bytes are there and that a number is within the bounds the caller gives, and throws
/// <see cref="MidicothFormatException"/> naming the transform and the field otherwise.
/// </summary>
public ref struct SideDataReader(ReadOnlySpan<byte> data, string transform)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _at;

    /// <summary>Where the next read starts.</summary>
    public readonly int Position => _at;

    /// <summary>The bytes not read yet.</summary>
    public readonly ReadOnlySpan<byte> Rest => _data[_at..];

    /// <summary>A number written by <see cref="SideDataWriter.WriteNumber"/>, checked to lie in <paramref name="min"/>..<paramref name="max"/>.</summary>
    public long ReadNumber(string field, long min, long max)
    {
        ulong value = 0;
        for (int shift = 0; ; shift += 7)
        {
            if (_at >= _data.Length) throw Damaged($"its {field} is cut short");
            if (shift > 56) throw Damaged($"its {field} is too long");
            byte b = _data[_at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) break;
        }
        if (value < (ulong)min || value > (ulong)max) throw Damaged($"its {field} is {value}, outside {min}..{max}");
        return (long)value;
    }

    /// <summary>The next <paramref name="count"/> bytes.</summary>
    public ReadOnlySpan<byte> ReadBytes(string field, long count)
    {
        if (count < 0 || count > _data.Length - _at) throw Damaged($"its {field} ({count} bytes) runs past the block");
        ReadOnlySpan<byte> bytes = _data.Slice(_at, (int)count);
        _at += (int)count;
        return bytes;
    }

    /// <summary>The exception for a damaged block: one line naming the transform and what is wrong.</summary>
    public readonly MidicothFormatException Damaged(string what) => new($"corrupt block: the {transform} transform's data is damaged: {what}");
}

/// <summary>Writes a transform's side data: numbers as little-endian base-128 varints, and bytes.</summary>
public sealed class SideDataWriter
{
    private byte[] _buffer;
    private int _length;

    public SideDataWriter(int capacity = 256) => _buffer = new byte[Math.Max(16, capacity)];

    public int Length => _length;

    public void WriteNumber(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        Reserve(10);
        ulong v = (ulong)value;
        while (v >= 0x80)
        {
            _buffer[_length++] = (byte)(v | 0x80);
            v >>= 7;
        }
        _buffer[_length++] = (byte)v;
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    public void WriteByte(byte value)
    {
        Reserve(1);
        _buffer[_length++] = value;
    }

    /// <summary>Room for <paramref name="count"/> bytes more, to be written in place and then <see cref="Advance"/>d over.</summary>
    public Span<byte> Reserve(int count)
    {
        if (_length + (long)count > _buffer.Length)
        {
            long size = Math.Max(_buffer.Length * 2L, _length + (long)count);
            if (size > Array.MaxLength) throw new InvalidOperationException("a rewritten block larger than an array");
            Array.Resize(ref _buffer, (int)size);
        }
        return _buffer.AsSpan(_length, count);
    }

    public void Advance(int count) => _length += count;

    public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();
}
