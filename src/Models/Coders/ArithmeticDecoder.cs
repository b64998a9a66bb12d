using System.Runtime.CompilerServices;

namespace Midicoth.Models.Coders;

/// <summary>
/// The decoder that mirrors <see cref="ArithmeticEncoder"/>. Bits past the end of the payload read as 0.
/// Unlike the reference, <c>value − low + 1</c> is computed in 64 bits: the reference wraps it to 0 when the
/// payload starts with 32 one-bits and then reads past its frequency table (it cannot decode a file of 0xFF
/// bytes). A target outside the table means the input is corrupt and raises <see cref="MidicothFormatException"/>.
/// </summary>
public struct ArithmeticDecoder
{
    private const uint Half = 0x80000000u;
    private const uint Quarter = 0x40000000u;
    private const uint ThreeQuarters = 0xC0000000u;

    private uint _low;
    private uint _high;
    private uint _value;
    private readonly byte[] _input;
    private readonly int _end;
    private int _bytePos;
    private int _bitPos;
    private long _bitsPastEnd;

    /// <param name="input">Array holding the payload.</param>
    /// <param name="offset">Where the payload starts.</param>
    /// <param name="count">Payload length in bytes.</param>
    public ArithmeticDecoder(byte[] input, int offset, int count)
    {
        _input = input;
        _bytePos = offset;
        _end = offset + count;
        _bitPos = 0;
        _bitsPastEnd = 0;
        _low = 0;
        _high = 0xFFFFFFFFu;
        _value = 0;
        for (int i = 0; i < 32; i++)
        {
            _value = (_value << 1) | ReadBit();
        }
    }

    /// <summary>
    /// Checks, after the last symbol, that the payload had exactly the length the encoder would have written.
    /// The encoder writes one bit per renormalisation shift (pending bits included) plus two final bits, padded to a byte; the decoder
    /// reads 32 bits ahead of the shifts, and the finish adds two bits. A shorter payload is truncated, a longer one has bytes appended.
    /// </summary>
    public readonly void VerifyEnd(int payloadLength)
    {
        long bitsRead = (long)(_bytePos - (_end - payloadLength)) * 8 + _bitPos + _bitsPastEnd;
        long expectedBytes = (bitsRead - 30 + 7) / 8;
        if (payloadLength < expectedBytes) throw new MidicothFormatException("truncated input: the coded stream ends early");
        if (payloadLength > expectedBytes) throw new MidicothFormatException("corrupt input: unexpected bytes after the coded stream");
    }

    /// <summary>True once the decoder has read past what any valid payload of this length could hold.</summary>
    public readonly bool IsPastEnd => _bitsPastEnd > 32;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Decode(ReadOnlySpan<uint> cum, uint total)
    {
        ulong range = (ulong)_high - _low + 1;
        ulong scaled = (((ulong)_value - _low + 1) * total - 1) / range;
        if (scaled >= total)
        {
            throw new MidicothFormatException("corrupt data: the coded stream points outside the model's range");
        }
        int symbol = FindSymbol(cum, (uint)scaled);
        uint low = _low;
        _high = unchecked(low + (uint)(range * cum[symbol + 1] / total) - 1);
        _low = unchecked(low + (uint)(range * cum[symbol] / total));
        Renormalise();
        return symbol;
    }

    /// <summary>The smallest s with cum[s+1] &gt; target (binary search over the increasing table).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FindSymbol(ReadOnlySpan<uint> cum, uint target)
    {
        int lo = 0, hi = cum.Length - 2;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (cum[mid + 1] > target) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }

    private void Renormalise()
    {
        while (true)
        {
            if (_high < Half)
            {
            }
            else if (_low >= Half)
            {
                _low -= Half;
                _high -= Half;
                _value -= Half;
            }
            else if (_low >= Quarter && _high < ThreeQuarters)
            {
                _low -= Quarter;
                _high -= Quarter;
                _value -= Quarter;
            }
            else
            {
                return;
            }
            _low <<= 1;
            _high = (_high << 1) | 1;
            _value = (_value << 1) | ReadBit();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint ReadBit()
    {
        if (_bytePos >= _end)
        {
            _bitsPastEnd++;
            return 0;
        }
        uint bit = (uint)(_input[_bytePos] >> (7 - _bitPos)) & 1;
        if (++_bitPos == 8)
        {
            _bitPos = 0;
            _bytePos++;
        }
        return bit;
    }
}
