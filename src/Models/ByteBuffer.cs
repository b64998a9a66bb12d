namespace Midicoth.Models;

/// <summary>A growable byte array: the coder's output and the shared history both live in one.</summary>
public sealed class ByteBuffer
{
    private byte[] _data;

    public ByteBuffer(int initialCapacity = 4096) => _data = new byte[Math.Max(16, initialCapacity)];

    public int Length { get; private set; }

    /// <summary>The bytes written so far. Valid until the next write.</summary>
    public ReadOnlySpan<byte> Span => _data.AsSpan(0, Length);

    /// <summary>The backing array; entries at and beyond <see cref="Length"/> are undefined.</summary>
    public byte[] Array => _data;

    public void Add(byte value)
    {
        if (Length == _data.Length) Grow(Length + 1);
        _data[Length++] = value;
    }

    public void Clear() => Length = 0;

    public byte[] ToArray() => Span.ToArray();

    private void Grow(int needed)
    {
        int size = Math.Max(needed, (int)Math.Min(Math.Max(_data.Length * 2L, 16), System.Array.MaxLength));
        System.Array.Resize(ref _data, size);
    }
}
