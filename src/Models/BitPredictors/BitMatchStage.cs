namespace Midicoth.Models.BitPredictors;

/// <summary>
/// Match model (<c>bitmatch:MINLENGTH-BITS</c>): keeps the last 2^BITS bytes and a table of where each context of
/// MINLENGTH bytes last occurred. When no match is running, it looks the current context up and, if the bytes
/// before both places agree for at least MINLENGTH bytes, follows the earlier occurrence: it expects the byte that
/// came next there, bit by bit, until a bit disagrees. Two mixer inputs: the stretched probability that the
/// expected bit comes (learned per match length), and a fixed vote growing with the length. It publishes the
/// expected byte and length in <see cref="BitContext"/> for the mixer's weight-set choice.
/// </summary>
public unsafe struct BitMatchStage : IBitPredictor
{
    public const int Inputs = StageCatalog.BitMatchInputs;

    private const int MaxVerify = 400;

    private readonly HugePageMemory _memory;   // the buffer, then the table of recent positions
    private readonly byte* _buffer;
    private readonly int* _recent;
    private readonly int _bufferMask;
    private readonly int _recentMask;
    private readonly int _minLength;
    private readonly AdaptiveMap _byLength;
    private int _pointer;
    private int _length;
    private int _context;

    public BitMatchStage(int minLength, int bits, long inputLength = long.MaxValue)
    {
        StageCatalog.BitMatch.Require(minLength, bits);
        long size = TableSize.For(bits, inputLength, 1);
        _memory = new HugePageMemory(size * 2);
        _buffer = _memory.Pointer;
        _recent = (int*)(_memory.Pointer + size);
        _bufferMask = (int)size - 1;
        _recentMask = (int)(size / 4) - 1;
        _minLength = minLength;
        _byLength = new AdaptiveMap(64, 1023);
    }

    public readonly int InputCount => Inputs;

    public readonly long AllocatedBytes => _memory.Length + _byLength.AllocatedBytes;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Predict(ref BitContext context, ref int inputs)
    {
        if (context.ExpectationHolds)
        {
            int bit = context.ExpectedBit;
            int length = _length;
            _context = (length < 16 ? length : Math.Min(16 + ((length - 16) >> 3), 31)) * 2 + bit;
            inputs = Logistic.Stretch(_byLength.P(_context));
            System.Runtime.CompilerServices.Unsafe.Add(ref inputs, 1) = (bit * 2 - 1) * Math.Min(length, 32) * 32;
        }
        else
        {
            _context = -1;
            inputs = 0;
            System.Runtime.CompilerServices.Unsafe.Add(ref inputs, 1) = 0;
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public readonly void Update(ref BitContext context, int bit)
    {
        if (_context >= 0) _byLength.Update(_context, bit);
    }

    public void EndByte(ref BitContext context)
    {
        int c = context.LastByte;
        int position = (int)context.Position;   // bytes so far: the index of the next byte
        _buffer[(position - 1) & _bufferMask] = (byte)c;
        if (_length > 0 && context.ExpectedByte == c)
        {
            if (_length < 65535) _length++;
            _pointer++;
        }
        else
        {
            _length = 0;
        }
        if (position >= _minLength)
        {
            int slot = (int)(ContextHashing.OfOrder(context, _minLength, 0x4D41u) & (uint)_recentMask);
            if (_length == 0)
            {
                int candidate = _recent[slot];
                if (candidate > 0 && position - candidate < _bufferMask)
                {
                    int length = 0;
                    while (length < MaxVerify && length < candidate
                        && _buffer[(candidate - 1 - length) & _bufferMask] == _buffer[(position - 1 - length) & _bufferMask])
                    {
                        length++;
                    }
                    if (length >= _minLength)
                    {
                        _length = length;
                        _pointer = candidate;
                    }
                }
            }
            _recent[slot] = position;
        }
        context.MatchLength = _length;
        context.ExpectedByte = _length > 0 ? _buffer[_pointer & _bufferMask] : 0;
        GC.KeepAlive(_memory);
    }
}
