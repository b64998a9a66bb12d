namespace Midicoth.Models.Coders;

/// <summary>
/// Binary arithmetic coder, encoding side: a 32-bit range [low, high] split at a point set by the 12-bit
/// probability of a 1; leading bytes that low and high share are final and written out (carry-less: the range
/// never straddles a byte boundary it cannot resolve). <see cref="Finish"/> writes four bytes of low, so the
/// decoder, which reads four bytes ahead, ends exactly at the payload's end.
/// </summary>
public struct BinaryEncoder(ByteBuffer output)
{
    private uint _low = 0;
    private uint _high = uint.MaxValue;

    /// <summary>Codes <paramref name="bit"/> with probability <paramref name="p"/>/4096 of a 1 (p in 1..4095).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Encode(int bit, int p)
    {
        uint mid = _low + (uint)(((ulong)(_high - _low) * (uint)p) >> 12);
        if (bit != 0) _high = mid;
        else _low = mid + 1;
        while (((_low ^ _high) & 0xFF000000u) == 0)
        {
            output.Add((byte)(_high >> 24));
            _low <<= 8;
            _high = (_high << 8) | 255;
        }
    }

    public readonly void Finish()
    {
        output.Add((byte)(_low >> 24));
        output.Add((byte)(_low >> 16));
        output.Add((byte)(_low >> 8));
        output.Add((byte)_low);
    }
}
