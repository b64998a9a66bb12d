namespace Midicoth.Models.Coders;

/// <summary>A growable byte array for the coder's output.</summary>
public sealed class ByteBuffer
{
    private byte[] _data;

    public ByteBuffer(int initialCapacity = 4096) => _data = new byte[Math.Max(16, initialCapacity)];

    public int Length { get; private set; }

    /// <summary>The bytes written so far. Valid until the next write.</summary>
    public ReadOnlySpan<byte> Span => _data.AsSpan(0, Length);

    public void Add(byte value)
    {
        if (Length == _data.Length) Grow(Length + 1);
        _data[Length++] = value;
    }

    public byte[] ToArray() => Span.ToArray();

    private void Grow(int needed)
    {
        int size = Math.Max(needed, (int)Math.Min(Math.Max(_data.Length * 2L, 16), System.Array.MaxLength));
        System.Array.Resize(ref _data, size);
    }
}
