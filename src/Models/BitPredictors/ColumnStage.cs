namespace Midicoth.Models.BitPredictors;

/// <summary>
/// Line columns (<c>columns:BITS</c>): for text in lines (lists, logs, tables, source code), the byte at the same
/// column of the line above predicts, and so does the line so far. Contexts, in one table of 2^BITS bytes
/// (<see cref="CursorBank"/>): the byte above with the last byte; the byte above with the one after it and the
/// column (up to 255); the whole line so far, hashed (a context of unbounded order that starts again at each line:
/// lines that begin alike, as URLs, paths and log lines do, go on alike; measured in Max: −251 bytes on the corpus,
/// −754 on five files outside it). Lines end at a newline (10); a line longer than 32 KiB (half the 64 KiB history,
/// so that the whole line above is still in it) leaves the next line none above. Three mixer inputs.
/// </summary>
public struct ColumnStage : IBitPredictor
{
    public const int Inputs = StageCatalog.ColumnsInputs;

    private const int History = StageCatalog.LineHistoryBytes;
    private const uint Salt = 601;

    private readonly byte[] _buffer;   // the last 64 KiB
    private int _lineStart;            // position of the current line's first byte
    private int _aboveStart;           // ... and of the line before it (-1: none)
    private CursorBank _bank;
    private uint _lineHash;            // the current line so far, hashed

    /// <param name="bits">log2 of the table's size in bytes.</param>
    /// <param name="inputLength">The block's length (sizes the table down for short blocks).</param>
    public ColumnStage(int bits, long inputLength = long.MaxValue)
    {
        StageCatalog.Columns.Require(bits);
        _bank = new CursorBank(Inputs, TableSize.For(bits, inputLength, 48), Salt);
        _buffer = new byte[History];
        _lineStart = 0;
        _aboveStart = -1;
    }

    public readonly int InputCount => Inputs;

    public readonly long AllocatedBytes => _bank.AllocatedBytes + History;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Predict(ref BitContext context, ref int inputs) => _bank.Predict(context, ref inputs);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Update(ref BitContext context, int bit) => _bank.Update(bit, context.BitCount);

    public void EndByte(ref BitContext context)
    {
        int c = context.LastByte;
        int position = (int)context.Position;   // the next byte's position
        _buffer[(position - 1) & (History - 1)] = (byte)c;
        if (c == '\n')
        {
            _aboveStart = position - _lineStart <= History / 2 ? _lineStart : -1;
            _lineStart = position;
            _lineHash = 0;
        }
        else
        {
            _lineHash = (_lineHash + (uint)c + 1) * 0x2F0B4A53u;
        }
        int column = position - _lineStart;
        int above = 0, next = 0;
        if (_aboveStart >= 0 && _aboveStart + column < _lineStart && position - (_aboveStart + column) < History)
        {
            above = _buffer[(_aboveStart + column) & (History - 1)];
            next = _aboveStart + column + 1 < _lineStart ? _buffer[(_aboveStart + column + 1) & (History - 1)] : 0;
        }
        else
        {
            above = 256;   // past the end of the line above (or none)
        }
        _bank.EndByte(0, ContextHashing.Of((ulong)(above << 8 | c), 0, Salt));
        _bank.EndByte(1, ContextHashing.Of((ulong)(above << 16 | next << 8) | (ulong)Math.Min(column, 255), 0, Salt + 1));
        _bank.EndByte(2, ContextHashing.Of(_lineHash, (ulong)column, Salt + 2));
    }
}
