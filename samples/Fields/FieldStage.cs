using Midicoth.Models.BitPrimitives;
using Midicoth.Models.BitWise;

namespace Midicoth.Samples;

/// <summary>
/// Fields of delimited lines (<c>example.fields:BITS</c>): a stage written outside the library, with its public API
/// only. Tables (CSV, TSV), logs and listings put related values in the same field of successive lines, but seldom at
/// the same column: a field's width changes from line to line, so the built-in column model (the byte at the same
/// column of the line above) loses track after the first field of another width. This stage splits each line at its
/// separator (the most frequent of tab, comma, semicolon and '|' in the line before, else the space) and predicts
/// from the field's number:
/// <list type="number">
/// <item>the field number with the field so far (a column's vocabulary: "status", "installed", package names);</item>
/// <item>the field number, the byte before, and the bytes at the same offset in the same field of the line above;</item>
/// <item>the whole field above (hashed) with the field so far (values that repeat, or follow from the one above).</item>
/// </list>
/// Three mixer inputs, hashed into one table of 2^BITS bytes (<see cref="CursorBank"/>: bit histories and adaptive
/// maps, as the built-in context maps use). It allocates the table, 64 KiB of history and a few small arrays: its
/// <c>Memory</c> figure says so, and <c>FieldStageTests</c> checks it with <c>StageMemoryAudit</c> at both ends of Bits.
/// </summary>
[BitStage("example.fields", Inputs = 3, Memory = "(1 << Bits) + 64 + 3 * 1024 + 65536 + 2048",
    Summary = "fields of delimited lines: the field number, the field so far, the same field in the line above")]
[StageParameter("Bits", 22, 16, 26, Meaning = "log2 of the table's size in bytes")]
public struct FieldStage : IBitPredictor
{
    private const int History = 1 << 16;   // bytes kept: the line above must lie in them
    private const int MaxFields = 64;      // later fields count as the last
    private const uint Salt = 0x5EED;
    private const string Separators = "\t,;|";

    private readonly byte[] _history;
    private readonly int[] _starts, _aboveStarts;      // where each field of this line / the line above starts
    private readonly uint[] _hashes, _aboveHashes;     // each finished field, hashed whole
    private readonly int[] _separatorCounts;
    private int _fields, _aboveFields;                 // the current field's number; the line above's field count
    private uint _fieldHash;                           // the current field so far
    private byte _separator;
    private CursorBank _bank;

    /// <param name="bits">log2 of the table's size in bytes.</param>
    /// <param name="inputLength">The block's length: a short block gets a smaller table.</param>
    public FieldStage(int bits, long inputLength)
    {
        _bank = new CursorBank(3, TableSize.For(bits, inputLength, 32), Salt);
        _history = new byte[History];
        _starts = new int[MaxFields + 1];
        _aboveStarts = new int[MaxFields + 1];
        _hashes = new uint[MaxFields];
        _aboveHashes = new uint[MaxFields];
        _separatorCounts = new int[Separators.Length];
        _separator = (byte)' ';
    }

    public readonly int InputCount => 3;

    public readonly long AllocatedBytes => _bank.AllocatedBytes + History;

    public void Predict(ref BitContext context, ref int inputs) => _bank.Predict(context, ref inputs);

    public void Update(ref BitContext context, int bit) => _bank.Update(bit, context.BitCount);

    public void EndByte(ref BitContext context)
    {
        int c = context.LastByte;
        int position = (int)context.Position;   // the next byte's position
        _history[(position - 1) & (History - 1)] = (byte)c;
        if (c == '\n')
        {
            EndField(position);
            // This line becomes the line above; the next line's separator is this line's most frequent one.
            _starts.AsSpan(0, _fields + 1).CopyTo(_aboveStarts);
            _hashes.AsSpan(0, _fields).CopyTo(_aboveHashes);
            _aboveFields = _fields;
            int best = 0;
            for (int i = 1; i < Separators.Length; i++) if (_separatorCounts[i] > _separatorCounts[best]) best = i;
            _separator = (byte)(_separatorCounts[best] > 0 ? Separators[best] : ' ');
            Array.Clear(_separatorCounts);
            _fields = 0;
            _starts[0] = position;
        }
        else if (c == _separator)
        {
            EndField(position);
            if (_fields < MaxFields - 1) _fields++;
            _starts[_fields] = position;
        }
        else
        {
            _fieldHash = (_fieldHash + (uint)c + 1) * 0x2F0F3D;
            int s = Separators.IndexOf((char)c);
            if (s >= 0) _separatorCounts[s]++;
        }

        // The same field of the line above: its bytes at this offset, and its whole value.
        int f = _fields, offset = position - _starts[f];
        int above = 256, next = 256;
        uint aboveField = 0;
        if (f < _aboveFields)
        {
            aboveField = _aboveHashes[f];
            int from = _aboveStarts[f] + offset, end = _aboveStarts[f + 1] - 1;   // the field ends before its separator
            if (from < end && position - from < History) above = _history[from & (History - 1)];
            if (from + 1 < end && position - from < History) next = _history[(from + 1) & (History - 1)];
        }
        _bank.EndByte(0, ContextHashing.Of((ulong)f, _fieldHash, Salt));
        _bank.EndByte(1, ContextHashing.Of((ulong)(uint)(f << 24 | c << 16), (ulong)(uint)(above << 9 | next), Salt + 1));
        _bank.EndByte(2, ContextHashing.Of(aboveField, _fieldHash, Salt + 2));
    }

    /// <summary>The current field ends at <paramref name="position"/> (its separator or newline is the byte before).</summary>
    private void EndField(int position)
    {
        _hashes[_fields] = _fieldHash;
        _starts[_fields + 1] = position;
        _fieldHash = 0;
    }
}
