namespace Midicoth.Models.BitPredictors;

/// <summary>
/// Record model (<c>records:BITS</c>): finds a record length in the data and predicts from the bytes above, as in
/// a table of fixed-length rows. Detection: when some byte value has recurred four times at the same distance
/// (2 to 32,767 bytes; say, a field separator or a constant field), that distance becomes a candidate; of the last
/// four candidates, the one whose byte above has lately been equal to the byte more often than not, and most
/// often, is the record length. Three contexts in one table of 2^BITS bytes (<see cref="CursorBank"/>): the byte above with
/// the last byte; the byte above with the one above it and the column (up to 255); the bytes above-left, above and
/// above-right with the last byte. Before any length is found they see the last byte alone. Three mixer inputs.
/// </summary>
public struct RecordStage : IBitPredictor
{
    public const int Inputs = StageCatalog.RecordsInputs;

    private const int History = StageCatalog.LineHistoryBytes;
    private const int Repeats = 3;   // equal distances in a row (four occurrences)
    private const int Candidates = 4;
    private const uint Salt = 401;

    private readonly byte[] _buffer;     // the last 64 KiB
    private readonly int[] _lastSeen;    // per byte value: its last position + 1
    private readonly int[] _lastGap;     // per byte value: the distance it recurred at last
    private readonly byte[] _runs;       // per byte value: how often in a row that distance repeated
    private readonly int[] _candidates;  // record lengths proposed lately
    private readonly int[] _scores;      // how often each predicted the byte above
    private int _length;
    private CursorBank _bank;

    /// <param name="bits">log2 of the table's size in bytes.</param>
    /// <param name="inputLength">The block's length (sizes the table down for short blocks).</param>
    public RecordStage(int bits, long inputLength = long.MaxValue)
    {
        StageCatalog.Records.Require(bits);
        _bank = new CursorBank(Inputs, TableSize.For(bits, inputLength, 32), Salt);
        _buffer = new byte[History];
        _lastSeen = new int[256];
        _lastGap = new int[256];
        _runs = new byte[256];
        _candidates = new int[Candidates];
        _scores = new int[Candidates];
    }

    /// <summary>The record length found so far (0: none).</summary>
    public readonly int Length => _length;

    public readonly int InputCount => Inputs;

    public readonly long AllocatedBytes => _bank.AllocatedBytes + History + 256 * 9 + Candidates * 8;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Predict(ref BitContext context, ref int inputs) => _bank.Predict(context, ref inputs);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Update(ref BitContext context, int bit) => _bank.Update(bit, context.BitCount);

    /// <summary>Takes <paramref name="length"/> among the candidates, in place of the one that predicted worst.</summary>
    private readonly void Propose(int length)
    {
        int worst = 0;
        for (int i = 0; i < Candidates; i++)
        {
            if (_candidates[i] == length) return;
            if (_scores[i] < _scores[worst]) worst = i;
        }
        _candidates[worst] = length;
    }

    /// <summary>
    /// Scores every candidate by whether the byte just seen repeats the one a candidate's length before it (a
    /// running rate out of 1024), and makes the best the record length once it is right more often than not.
    /// </summary>
    private void Score(int position, int c)
    {
        int best = -1;
        for (int i = 0; i < Candidates; i++)
        {
            int length = _candidates[i];
            if (length == 0) continue;
            bool repeats = position > length && _buffer[(position - 1 - length) & (History - 1)] == c;
            _scores[i] += (repeats ? 32 : 0) - (_scores[i] >> 5);
            if (best < 0 || _scores[i] > _scores[best]) best = i;
        }
        if (best >= 0 && _scores[best] > 512) _length = _candidates[best];
    }

    public void EndByte(ref BitContext context)
    {
        int c = context.LastByte;
        int position = (int)context.Position;   // bytes so far; the last one is at position - 1
        _buffer[(position - 1) & (History - 1)] = (byte)c;
        int gap = _lastSeen[c] == 0 ? 0 : position - _lastSeen[c];
        if (gap >= 2 && gap < History / 2 && gap == _lastGap[c])
        {
            if (_runs[c] < 255) _runs[c]++;
            if (_runs[c] >= Repeats) Propose(gap);
        }
        else
        {
            _runs[c] = 0;
        }
        _lastGap[c] = gap;
        _lastSeen[c] = position;
        Score(position, c);

        int above = 0, aboveTwice = 0, column = 0, aboveLeft = 0, aboveRight = 0;
        if (_length > 0)
        {
            above = position >= _length ? _buffer[(position - _length) & (History - 1)] : 0;
            aboveTwice = position >= 2 * _length ? _buffer[(position - 2 * _length) & (History - 1)] : 0;
            column = Math.Min(position % _length, 255);
            aboveLeft = position > _length ? _buffer[(position - _length - 1) & (History - 1)] : 0;
            aboveRight = _buffer[(position - _length + 1) & (History - 1)];
        }
        _bank.EndByte(0, ContextHashing.Of((ulong)(above << 8 | c), (ulong)_length, Salt));
        _bank.EndByte(1, ContextHashing.Of((ulong)(above << 16 | aboveTwice << 8 | column), (ulong)_length, Salt + 1));
        _bank.EndByte(2, ContextHashing.Of((ulong)(aboveLeft << 16 | above << 8 | aboveRight), (ulong)(_length << 8 | c), Salt + 2));
    }
}
