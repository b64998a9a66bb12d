namespace Midicoth.Models.Deflate;

/// <summary>
/// Where the deflate encoder writes: bits least significant first, into a buffer of fixed capacity. When it is
/// rebuilding a stream to check it, it compares what it wrote with the stream at each block's end (<see cref="Check"/>),
/// so that a wrong guess stops early.
/// </summary>
internal sealed class BitOutput(byte[] buffer, byte[]? expected)
{
    private readonly byte[] _buffer = buffer;

    /// <summary>The stream being rebuilt, or null when the encoder is not checking one.</summary>
    private readonly byte[]? _expected = expected;
    private ulong _bits;
    private int _count;
    private int _length;
    private int _checked;

    /// <summary>The output did not fit, or differs from the stream it should rebuild.</summary>
    public bool Failed { get; private set; }

    /// <summary>The whole bytes written.</summary>
    public int Length => _length;

    public void Bits(int value, int count)
    {
        _bits |= (ulong)(uint)value << _count;
        _count += count;
        while (_count >= 8)
        {
            Put((byte)_bits);
            _bits >>= 8;
            _count -= 8;
        }
    }

    /// <summary>Pads the last byte with zero bits (zlib's bi_windup).</summary>
    public void AlignToByte()
    {
        if (_count > 0) Put((byte)_bits);
        _bits = 0;
        _count = 0;
    }

    public void Short(int value)
    {
        Put((byte)value);
        Put((byte)(value >> 8));
    }

    public void Bytes(ReadOnlySpan<byte> bytes)
    {
        if (_length + bytes.Length > _buffer.Length)
        {
            Failed = true;
            return;
        }
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Put(byte b)
    {
        if (_length == _buffer.Length)
        {
            Failed = true;
            return;
        }
        _buffer[_length++] = b;
    }

    /// <summary>False once the output failed, or (when comparing) once a written byte differs from the stream.</summary>
    public bool Check()
    {
        if (Failed) return false;
        if (_expected == null) return true;
        int end = Math.Min(_length, _expected.Length);
        if (_length > _expected.Length || !_buffer.AsSpan(_checked, end - _checked).SequenceEqual(_expected.AsSpan(_checked, end - _checked))) Failed = true;
        _checked = end;
        return !Failed;
    }
}
