namespace Midicoth.Models.Coders;

/// <summary>
/// Binary arithmetic coder, decoding side (see <see cref="BinaryEncoder"/>). Reading past the payload yields
/// zeros and is counted, so that the caller can reject a payload that is shorter or longer than the encoder's.
/// </summary>
public struct BinaryDecoder
{
    private readonly byte[] _payload;
    private readonly int _end;
    private int _next;
    private uint _low;
    private uint _high;
    private uint _x;

    public BinaryDecoder(byte[] payload, int offset, int count)
    {
        _payload = payload;
        _next = offset;
        _end = offset + count;
        _low = 0;
        _high = uint.MaxValue;
        _x = 0;
        for (int i = 0; i < 4; i++) _x = (_x << 8) | ReadByte();
    }

    /// <summary>Whether the decoder has read exactly the payload: true at the end of a well-formed stream.</summary>
    public readonly bool AtEnd => _next == _end;

    /// <summary>Whether it has read past the payload.</summary>
    public readonly bool IsPastEnd => _next > _end;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public int Decode(int p)
    {
        uint mid = _low + (uint)(((ulong)(_high - _low) * (uint)p) >> 12);
        int bit;
        if (_x <= mid)
        {
            bit = 1;
            _high = mid;
        }
        else
        {
            bit = 0;
            _low = mid + 1;
        }
        while (((_low ^ _high) & 0xFF000000u) == 0)
        {
            _low <<= 8;
            _high = (_high << 8) | 255;
            _x = (_x << 8) | ReadByte();
        }
        return bit;
    }

    private uint ReadByte()
    {
        int at = _next++;
        return at < _end ? _payload[at] : 0u;
    }
}
