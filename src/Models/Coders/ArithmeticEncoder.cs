using System.Runtime.CompilerServices;

namespace Midicoth.Models.Coders;

/// <summary>
/// The reference's 32-bit arithmetic encoder: low/high in uint32, E1/E2/E3 renormalisation with pending
/// (underflow) bits, output bit by bit, most significant bit first. <see cref="Finish"/> writes one
/// disambiguating bit plus the pending ones and pads the last byte with zeros.
/// </summary>
public struct ArithmeticEncoder
{
    private const uint Half = 0x80000000u;
    private const uint Quarter = 0x40000000u;
    private const uint ThreeQuarters = 0xC0000000u;

    private uint _low;
    private uint _high;
    private int _pending;
    private int _bitBuffer;
    private int _bitCount;
    private ByteBuffer _output;

    public ArithmeticEncoder(ByteBuffer output)
    {
        _low = 0;
        _high = 0xFFFFFFFFu;
        _pending = 0;
        _bitBuffer = 0;
        _bitCount = 0;
        _output = output;
    }

    /// <summary>Codes <paramref name="symbol"/> with frequency interval [cum[s], cum[s+1]) out of <paramref name="total"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Encode(ReadOnlySpan<uint> cum, int symbol, uint total)
    {
        ulong range = (ulong)_high - _low + 1;
        uint low = _low;
        _high = unchecked(low + (uint)(range * cum[symbol + 1] / total) - 1);
        _low = unchecked(low + (uint)(range * cum[symbol] / total));
        Renormalise();
    }

    private void Renormalise()
    {
        while (true)
        {
            if (_high < Half)
            {
                WriteBitWithPending(0);
            }
            else if (_low >= Half)
            {
                WriteBitWithPending(1);
                _low -= Half;
                _high -= Half;
            }
            else if (_low >= Quarter && _high < ThreeQuarters)
            {
                _pending++;
                _low -= Quarter;
                _high -= Quarter;
            }
            else
            {
                return;
            }
            _low <<= 1;
            _high = (_high << 1) | 1;
        }
    }

    /// <summary>Flushes the final bits. The encoder must not be used afterwards.</summary>
    public void Finish()
    {
        _pending++;
        WriteBitWithPending(_low < Quarter ? 0 : 1);
        if (_bitCount > 0)
        {
            _output.Add((byte)(_bitBuffer << (8 - _bitCount)));
            _bitBuffer = 0;
            _bitCount = 0;
        }
    }

    private void WriteBitWithPending(int bit)
    {
        WriteBit(bit);
        for (; _pending > 0; _pending--)
        {
            WriteBit(1 - bit);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteBit(int bit)
    {
        _bitBuffer = (_bitBuffer << 1) | bit;
        if (++_bitCount == 8)
        {
            _output.Add((byte)_bitBuffer);
            _bitBuffer = 0;
            _bitCount = 0;
        }
    }
}
