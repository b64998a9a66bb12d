using static Midicoth.Models.Deflate.DeflateTables;

namespace Midicoth.Models.Deflate;

/// <summary>
/// Inflates a raw deflate stream found in untrusted data (RFC 1951): every code set, length and distance is checked,
/// and inflating stops at a given output limit (the transform's bomb guard). A stream that is not valid deflate, or
/// would inflate past the limit, is simply not a stream to recompress. Huffman codes are decoded a bit at a time
/// from canonical counts (as zlib's <c>puff</c> does): simple, and fast enough for a transform that runs once a block.
/// </summary>
internal ref struct Inflater
{
    private readonly ReadOnlySpan<byte> _input;
    private int _at;
    private int _bits;
    private int _count;
    private byte[] _output;
    private int _length;
    private readonly int _limit;

    private Inflater(ReadOnlySpan<byte> input, int limit)
    {
        _input = input;
        _limit = limit;
        _output = new byte[Math.Min(limit, 4096)];
    }

    /// <summary>
    /// Inflates the stream at the start of <paramref name="input"/> into at most <paramref name="limit"/> bytes.
    /// True with the content and the stream's length in bytes (to the end of its last byte), or false;
    /// <paramref name="produced"/> says how many bytes were inflated, also when it failed (what the attempt cost).
    /// </summary>
    public static bool TryInflate(ReadOnlySpan<byte> input, int limit, out byte[] content, out int streamLength, out int produced)
    {
        var inflater = new Inflater(input, limit);
        bool ok = inflater.Run();
        content = ok ? inflater._output.AsSpan(0, inflater._length).ToArray() : [];
        streamLength = ok ? inflater._at : 0;
        produced = inflater._length;
        return ok;
    }

    private bool Run()
    {
        bool last;
        do
        {
            if (!Need(3)) return false;
            last = Take(1) == 1;
            bool ok = Take(2) switch
            {
                0 => Stored(),
                1 => Codes(FixedLiteral, FixedDistance),
                2 => Dynamic(),
                _ => false,
            };
            if (!ok) return false;
        }
        while (!last);
        return true;
    }

    private bool Need(int n)
    {
        while (_count < n)
        {
            if (_at == _input.Length) return false;
            _bits |= _input[_at++] << _count;
            _count += 8;
        }
        return true;
    }

    private int Take(int n)
    {
        int value = _bits & ((1 << n) - 1);
        _bits >>= n;
        _count -= n;
        return value;
    }

    private bool Stored()
    {
        _bits = 0;
        _count = 0;
        if (_at + 4 > _input.Length) return false;
        int length = _input[_at] | _input[_at + 1] << 8;
        int check = _input[_at + 2] | _input[_at + 3] << 8;
        _at += 4;
        if (length != (~check & 0xFFFF) || _at + length > _input.Length || !Room(length)) return false;
        _input.Slice(_at, length).CopyTo(_output.AsSpan(_length));
        _at += length;
        _length += length;
        return true;
    }

    private bool Room(int n)
    {
        if (_length + (long)n > _limit) return false;
        if (_length + n > _output.Length) Array.Resize(ref _output, (int)Math.Min(_limit, Math.Max(_output.Length * 2L, _length + (long)n)));
        return true;
    }

    /// <summary>A canonical Huffman code as counts per length and symbols in code order.</summary>
    private sealed class Code(int symbols)
    {
        public readonly short[] Count = new short[MaxBits + 1];
        public readonly short[] Symbol = new short[symbols];

        /// <summary>Builds the code of <paramref name="lengths"/>; false if over-subscribed, or incomplete where that is not allowed.</summary>
        public bool Build(ReadOnlySpan<int> lengths, bool mayBeIncomplete)
        {
            Array.Clear(Count);
            foreach (int l in lengths) Count[l]++;
            if (Count[0] == lengths.Length) return mayBeIncomplete;
            int left = 1;
            for (int len = 1; len <= MaxBits; len++)
            {
                left <<= 1;
                left -= Count[len];
                if (left < 0) return false;
            }
            Span<short> offsets = stackalloc short[MaxBits + 1];
            for (int len = 1; len < MaxBits; len++) offsets[len + 1] = (short)(offsets[len] + Count[len]);
            for (short s = 0; s < lengths.Length; s++) if (lengths[s] != 0) Symbol[offsets[lengths[s]]++] = s;
            // An incomplete code is valid deflate only as a single code of one bit (a distance code with one distance).
            return left == 0 || mayBeIncomplete && left > 0 && lengths.Length - Count[0] == 1 && Count[1] == 1;
        }
    }

    private static readonly Code FixedLiteral = Fixed(FixedLiteralLengths);
    private static readonly Code FixedDistance = Fixed(FixedDistanceLengths);

    private static Code Fixed(int[] lengths)
    {
        var code = new Code(lengths.Length);
        code.Build(lengths, false);
        return code;
    }

    /// <summary>The next symbol of <paramref name="code"/>, or −1 when the input ends or the bits are no code.</summary>
    private int Decode(Code code)
    {
        int bits = 0, first = 0, index = 0;
        for (int len = 1; len <= MaxBits; len++)
        {
            if (!Need(1)) return -1;
            bits |= Take(1);
            int count = code.Count[len];
            if (bits - count < first) return code.Symbol[index + (bits - first)];
            index += count;
            first += count;
            first <<= 1;
            bits <<= 1;
        }
        return -1;
    }

    private bool Codes(Code literal, Code distance)
    {
        while (true)
        {
            int symbol = Decode(literal);
            if (symbol < 0) return false;
            if (symbol < 256)
            {
                if (!Room(1)) return false;
                _output[_length++] = (byte)symbol;
                continue;
            }
            if (symbol == EndBlock) return true;
            symbol -= 257;
            if (symbol >= LengthCodes || !Need(LengthExtra[symbol])) return false;
            int length = LengthBase[symbol] + MinMatch + Take(LengthExtra[symbol]);
            symbol = Decode(distance);
            if (symbol < 0 || symbol >= DistanceCodes || !Need(DistanceExtra[symbol])) return false;
            int dist = DistanceBase[symbol] + 1 + Take(DistanceExtra[symbol]);
            if (dist > _length || !Room(length)) return false;
            int from = _length - dist;
            for (int i = 0; i < length; i++) _output[_length++] = _output[from + i];
        }
    }

    private bool Dynamic()
    {
        if (!Need(14)) return false;
        int nLength = Take(5) + 257, nDistance = Take(5) + 1, nCode = Take(4) + 4;
        if (nLength > 286 || nDistance > 30) return false;
        Span<int> lengths = stackalloc int[320];
        for (int i = 0; i < nCode; i++)
        {
            if (!Need(3)) return false;
            lengths[BitLengthOrder[i]] = Take(3);
        }
        var lengthCode = new Code(BitLengthCodes);
        if (!lengthCode.Build(lengths[..BitLengthCodes], false)) return false;
        lengths[..BitLengthCodes].Clear();
        for (int index = 0; index < nLength + nDistance;)
        {
            int symbol = Decode(lengthCode);
            if (symbol < 0) return false;
            if (symbol < 16)
            {
                lengths[index++] = symbol;
                continue;
            }
            int repeat, value = 0;
            if (symbol == 16)
            {
                if (index == 0 || !Need(2)) return false;
                value = lengths[index - 1];
                repeat = 3 + Take(2);
            }
            else if (symbol == 17)
            {
                if (!Need(3)) return false;
                repeat = 3 + Take(3);
            }
            else
            {
                if (!Need(7)) return false;
                repeat = 11 + Take(7);
            }
            if (index + repeat > nLength + nDistance) return false;
            while (repeat-- > 0) lengths[index++] = value;
        }
        if (lengths[EndBlock] == 0) return false;
        var literal = new Code(LiteralCodes + 2);
        var distance = new Code(DistanceCodes);
        if (!literal.Build(lengths[..nLength], false)) return false;
        if (!distance.Build(lengths.Slice(nLength, nDistance), true)) return false;
        return Codes(literal, distance);
    }
}
