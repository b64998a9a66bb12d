namespace Midicoth.Models.Jpeg;

/// <summary>
/// Follows baseline JPEG images in the data (see <see cref="JpegStage"/>): finds a start of image (FF D8 FF)
/// anywhere, reads the marker segments after it (frame, Huffman tables, restart interval, scan header) and then
/// decodes the scan's entropy-coded data bit by bit, as the coder sees it, so that the stage always knows which
/// Huffman code or which coefficient bits come next, in which block, and what the blocks above and to the left
/// held at that position. Only what both ends have seen drives it, so encoder and decoder follow alike.
/// <para>
/// Anything it does not understand (progressive or lossless frames, arithmetic coding, a code no table has, a
/// damaged header) ends its interest until the next restart marker, scan or image: data is never refused here,
/// only predicted less well. Sizes come from the header but are bounded by the format (16-bit width, four
/// components, sampling factors up to 4): the coefficient rows it keeps are at most 8.4 MB (the catalog's JPEG memory).
/// </para>
/// </summary>
public sealed class JpegScan
{
    /// <summary>Zig-zag position → natural position (row · 8 + column) in a block.</summary>
    public static readonly byte[] Natural = BuildNatural();

    /// <summary>Natural position → zig-zag position.</summary>
    public static readonly byte[] ZigZag = BuildZigZag();

    private enum Reading { Outside, Marker, Code, Length1, Length2, Payload, Scan }

    private const int MaxLength = 16;
    private const int MaxBlocksPerMcu = 10;
    private const int MaxMcus = 1 << 28;   // a 65,535-pixel square image has 2^26

    private Reading _reading;
    private int _marker, _length, _filled;
    private readonly byte[] _segment = new byte[65536];

    // Huffman tables: 0-3 DC, 4-7 AC; per code length 1..16 the last code (−1: none), the first, and where its values start.
    private readonly int[] _maxCode = new int[8 * 17];
    private readonly int[] _minCode = new int[8 * 17];
    private readonly int[] _valuesAt = new int[8 * 17];
    private readonly int[] _valueCount = new int[8];
    private readonly byte[] _values = new byte[8 * 256];

    // The frame.
    private bool _frameValid;
    private int _width, _components, _maxH;
    private readonly int[] _componentId = new int[4], _h = new int[4], _v = new int[4], _quantTable = new int[4];
    private readonly int[] _quant = new int[4 * 64];   // quantisation tables, in zig-zag order
    private readonly int[] _columns = new int[4], _rowsAt = new int[4];
    private short[] _rows = [];            // per component: two rows of blocks of 64 coefficients, in zig-zag order
    private byte[] _rowCounts = [];        // ... and each block's count of non-zero coefficients
    private int _restartInterval;

    // The scan.
    private int _scanComponents, _mcusPerLine, _mcuBlocks;
    private readonly int[] _blockComponent = new int[MaxBlocksPerMcu], _blockH = new int[MaxBlocksPerMcu], _blockV = new int[MaxBlocksPerMcu];
    private readonly int[] _scanComponent = new int[4];   // scan component → frame component
    private readonly int[] _dcTable = new int[4], _acTable = new int[4], _dcPrediction = new int[4];
    private int _singleColumns;
    private int _mcu, _blockInMcu, _restarts;
    private bool _scanValid;

    // The block being decoded.
    private readonly int[] _block = new int[64];
    private readonly int[] _lastBlock = new int[64];
    private int _current;   // where it goes in the rows
    private int _table, _run, _extraBits, _dcDifference;

    public JpegScan()
    {
        _maxCode.AsSpan().Fill(-1);
    }

    /// <summary>Inside a scan's data and in step with its codes.</summary>
    public bool Decoding { get; private set; }

    /// <summary>The current byte follows an FF inside a scan: a stuffed zero or a marker, not data.</summary>
    public bool Stuffing { get; private set; }

    /// <summary>Set when a new code begins (a Huffman code or a coefficient's extra bits); the stage clears it.</summary>
    public bool CodeStart;

    /// <summary>The code so far behind a leading 1 (1 at its start).</summary>
    public int Node { get; private set; } = 1;

    /// <summary>The bits of the code so far.</summary>
    public int CodeLength { get; private set; }

    /// <summary>Whether the code is a coefficient's extra bits (after its Huffman symbol) rather than a Huffman code.</summary>
    public bool InExtra { get; private set; }

    /// <summary>While <see cref="InExtra"/>: the Huffman symbol (run · 16 + size for AC, size for DC).</summary>
    public int Symbol { get; private set; }

    /// <summary>The component (its index in the frame) of the block being decoded.</summary>
    public int Component { get; private set; }

    /// <summary>The zig-zag position of the coefficient the code is about (for a Huffman code: the next one, 0 is DC).</summary>
    public int Position { get; private set; }

    /// <summary>Non-zero coefficients so far in the block.</summary>
    public int NonZero { get; private set; }

    /// <summary>The last two Huffman symbols of the block (the latest in the low byte).</summary>
    public int LastSymbols { get; private set; }

    /// <summary>The MCUs (minimum coded units: a block of each component, or several when subsampled) decoded so far in the scan.</summary>
    public int McusDone => _mcu;

    /// <summary>Where the block above and the block to the left start in the rows (−1: none).</summary>
    public int Above { get; private set; } = -1;

    public int Left { get; private set; } = -1;

    /// <summary>Coefficient <paramref name="position"/> (zig-zag) of the block at <paramref name="block"/> (0 for −1).</summary>
    public int At(int block, int position) => block < 0 ? 0 : _rows[block + position];

    /// <summary>The count of non-zero coefficients of the block at <paramref name="block"/> (0 for −1).</summary>
    public int NonZeroOf(int block) => block < 0 ? 0 : _rowCounts[block >> 6];

    /// <summary>The quantiser of coefficient <paramref name="position"/> (zig-zag) in the current component (0 when no table came).</summary>
    public int Quantiser(int position) => _quant[_quantTable[Component] * 64 + position];

    /// <summary>Coefficient <paramref name="position"/> of the block decoded before this one (in a 4:4:4 image, another component at the same place).</summary>
    public int Last(int position) => _lastBlock[position];

    /// <summary>The DC value the current block's DC difference is taken from (the last DC of its component).</summary>
    public int DcPredictor => _dcPrediction[Component];

    /// <summary>The DC difference coded in the block decoded before this one.</summary>
    public int LastDcDifference { get; private set; }

    /// <summary>The count of non-zero coefficients of the block decoded before this one.</summary>
    public int LastNonZero { get; private set; }

    /// <summary>Coefficient <paramref name="position"/> (zig-zag) of the block being decoded (0 until decoded).</summary>
    public int Current(int position) => _block[position];

    public long AllocatedBytes => _segment.Length + _values.Length + 6 * 8 * 17 + 4 * 64 * 4 + _rows.Length * 2L + _rowCounts.Length;

    /// <summary>Follows byte <paramref name="c"/>; <paramref name="last8"/> holds it and the seven before.</summary>
    public void EndByte(int c, ulong last8)
    {
        switch (_reading)
        {
            case Reading.Outside:
                if ((last8 & 0xFFFFFF) == 0xFFD8FF) _reading = Reading.Code;
                break;
            case Reading.Marker:
                _reading = c == 0xFF ? Reading.Code : Reading.Outside;
                break;
            case Reading.Code:
                OnMarker(c);
                break;
            case Reading.Length1:
                _length = c << 8;
                _reading = Reading.Length2;
                break;
            case Reading.Length2:
                _length = (_length | c) - 2;
                _filled = 0;
                if (_length < 0) _reading = Reading.Outside;
                else if (_length == 0) OnSegment();
                else _reading = Reading.Payload;
                break;
            case Reading.Payload:
                _segment[_filled++] = (byte)c;
                if (_filled == _length) OnSegment();
                break;
            case Reading.Scan:
                OnScanByte(c);
                break;
        }
    }

    /// <summary>Follows one bit of a scan's data (only while <see cref="Decoding"/> and not <see cref="Stuffing"/>).</summary>
    public void Bit(int bit)
    {
        Node = Node * 2 + bit;
        CodeLength++;
        if (InExtra)
        {
            if (CodeLength == _extraBits) OnCoefficient(Extend(Node & ((1 << _extraBits) - 1), _extraBits));
            return;
        }
        int at = _table * 17 + CodeLength;
        int code = Node & ((1 << CodeLength) - 1);
        if (code <= _maxCode[at])
        {
            int index = _valuesAt[at] + code - _minCode[at];
            if ((uint)index >= (uint)_valueCount[_table]) Lose();
            else OnSymbol(_values[_table * 256 + index]);
        }
        else if (CodeLength >= MaxLength)
        {
            Lose();
        }
    }

    private void OnScanByte(int c)
    {
        if (!Stuffing)
        {
            if (c == 0xFF) Stuffing = true;
            return;
        }
        Stuffing = false;
        if (c == 0x00) return;                   // a stuffed zero: the data goes on
        if (c == 0xFF) { Stuffing = true; return; }   // fill bytes before a marker
        if (c >= 0xD0 && c <= 0xD7) { Restart(); return; }
        Decoding = false;                        // any other marker ends the scan
        OnMarker(c);
    }

    private void OnMarker(int c)
    {
        _marker = c;
        if (c == 0xFF) _reading = Reading.Code;                              // fill
        else if (c == 0xD9 || c == 0x00) _reading = Reading.Outside;        // end of image, or not a marker
        else if (c == 0xD8 || c == 0x01 || (c >= 0xD0 && c <= 0xD7)) _reading = Reading.Marker;   // no segment
        else _reading = Reading.Length1;
    }

    private void OnSegment()
    {
        _reading = Reading.Marker;
        ReadOnlySpan<byte> s = _segment.AsSpan(0, _length);
        switch (_marker)
        {
            case 0xC0: case 0xC1:
                ReadFrame(s);
                break;
            case 0xC2: case 0xC3: case 0xC5: case 0xC6: case 0xC7: case 0xC9: case 0xCA: case 0xCB: case 0xCD: case 0xCE: case 0xCF:
                _frameValid = false;                 // progressive, lossless, arithmetic coded: not followed
                break;
            case 0xC4:
                ReadHuffmanTables(s);
                break;
            case 0xDB:
                ReadQuantisationTables(s);
                break;
            case 0xDD:
                if (s.Length >= 2) _restartInterval = s[0] << 8 | s[1];
                break;
            case 0xDA:
                _reading = Reading.Scan;
                Stuffing = false;
                _scanValid = ReadScan(s);
                Decoding = _scanValid;
                if (Decoding) StartScan();
                break;
        }
    }

    private void ReadFrame(ReadOnlySpan<byte> s)
    {
        _frameValid = false;
        if (s.Length < 6) return;
        int components = s[5];
        _width = s[3] << 8 | s[4];
        if (components is < 1 or > 4 || s.Length < 6 + 3 * components || _width == 0) return;
        _maxH = 1;
        for (int i = 0; i < components; i++)
        {
            _componentId[i] = s[6 + 3 * i];
            _h[i] = s[7 + 3 * i] >> 4;
            _v[i] = s[7 + 3 * i] & 15;
            _quantTable[i] = s[8 + 3 * i] & 3;
            if (_h[i] is < 1 or > 4 || _v[i] is < 1 or > 4) return;
            _maxH = Math.Max(_maxH, _h[i]);
        }
        _components = components;
        _mcusPerLine = (_width + 8 * _maxH - 1) / (8 * _maxH);
        int total = 0;
        for (int i = 0; i < components; i++)
        {
            _columns[i] = _mcusPerLine * _h[i];
            _rowsAt[i] = total;
            total += 2 * _columns[i] * 64;
        }
        if (_rows.Length < total)
        {
            _rows = new short[total];
            _rowCounts = new byte[total / 64];
        }
        _frameValid = true;
    }

    private void ReadHuffmanTables(ReadOnlySpan<byte> s)
    {
        int at = 0;
        while (at + 17 <= s.Length)
        {
            int tc = s[at] >> 4, th = s[at] & 15;
            if (tc > 1 || th > 3) return;
            int table = tc * 4 + th;
            int count = 0;
            for (int l = 1; l <= 16; l++) count += s[at + l];
            if (count > 256 || at + 17 + count > s.Length) return;
            int code = 0, k = 0;
            bool valid = true;
            for (int l = 1; l <= 16; l++)
            {
                int n = s[at + l];
                _minCode[table * 17 + l] = code;
                _valuesAt[table * 17 + l] = k;
                code += n;
                k += n;
                _maxCode[table * 17 + l] = n > 0 ? code - 1 : -1;
                if (code > 1 << l) valid = false;   // more codes than the length holds
                code <<= 1;
            }
            _valueCount[table] = valid ? count : 0;
            if (!valid) for (int l = 1; l <= 16; l++) _maxCode[table * 17 + l] = -1;
            s.Slice(at + 17, count).CopyTo(_values.AsSpan(table * 256));
            at += 17 + count;
        }
    }

    private void ReadQuantisationTables(ReadOnlySpan<byte> s)
    {
        int at = 0;
        while (at < s.Length)
        {
            int wide = s[at] >> 4, table = s[at] & 3;
            int size = wide == 0 ? 64 : 128;
            if (wide > 1 || at + 1 + size > s.Length) return;
            for (int k = 0; k < 64; k++) _quant[table * 64 + k] = wide == 0 ? s[at + 1 + k] : s[at + 1 + 2 * k] << 8 | s[at + 2 + 2 * k];
            at += 1 + size;
        }
    }

    /// <summary>Reads a scan header; false when this scan cannot be followed.</summary>
    private bool ReadScan(ReadOnlySpan<byte> s)
    {
        if (!_frameValid || s.Length < 1) return false;
        int n = s[0];
        if (n is < 1 or > 4 || s.Length < 4 + 2 * n) return false;
        if (s[1 + 2 * n] != 0 || s[2 + 2 * n] != 63 || s[3 + 2 * n] != 0) return false;   // not sequential
        _scanComponents = n;
        _mcuBlocks = 0;
        for (int i = 0; i < n; i++)
        {
            int component = Array.IndexOf(_componentId, s[1 + 2 * i], 0, _components);
            int dc = s[2 + 2 * i] >> 4, ac = s[2 + 2 * i] & 15;
            if (component < 0 || dc > 3 || ac > 3 || _valueCount[dc] == 0 || _valueCount[4 + ac] == 0) return false;
            _scanComponent[i] = component;
            _dcTable[i] = dc;
            _acTable[i] = 4 + ac;
            int h = n == 1 ? 1 : _h[component], v = n == 1 ? 1 : _v[component];
            for (int y = 0; y < v; y++)
            {
                for (int x = 0; x < h; x++)
                {
                    if (_mcuBlocks == MaxBlocksPerMcu) return false;
                    _blockComponent[_mcuBlocks] = i;
                    _blockH[_mcuBlocks] = x;
                    _blockV[_mcuBlocks] = y;
                    _mcuBlocks++;
                }
            }
            if (n == 1)
            {
                int componentWidth = (_width * _h[component] + _maxH - 1) / _maxH;
                _singleColumns = (componentWidth + 7) / 8;
            }
        }
        return true;
    }

    private void StartScan()
    {
        _mcu = 0;
        _restarts = 0;
        _blockInMcu = 0;
        Array.Clear(_dcPrediction);
        StartBlock();
    }

    /// <summary>A restart marker: predictions start again at the next interval's first MCU.</summary>
    private void Restart()
    {
        if (!_scanValid) return;
        _restarts = Math.Min(_restarts + 1, MaxMcus + 1);
        long next = _restartInterval > 0 ? (long)_restarts * _restartInterval : (_blockInMcu != 0 || Position != 0 ? _mcu + 1L : _mcu);
        if (next > MaxMcus)
        {
            Lose();
            return;
        }
        _mcu = (int)next;
        _blockInMcu = 0;
        Array.Clear(_dcPrediction);
        Decoding = true;
        StartBlock();
    }

    /// <summary>A code nothing matches: stop following until the next restart or scan.</summary>
    private void Lose()
    {
        Decoding = false;
        Node = 1;
        CodeLength = 0;
    }

    private void StartBlock()
    {
        int b = _blockInMcu, i = _blockComponent[b];
        int component = _scanComponent[i];
        int row, column;
        if (_scanComponents == 1)
        {
            row = _mcu / _singleColumns;
            column = _mcu % _singleColumns;
        }
        else
        {
            row = _mcu / _mcusPerLine * _v[component] + _blockV[b];
            column = _mcu % _mcusPerLine * _h[component] + _blockH[b];
        }
        int columns = _columns[component];
        _current = _rowsAt[component] + ((row & 1) * columns + column) * 64;
        Above = row > 0 ? _rowsAt[component] + (((row - 1) & 1) * columns + column) * 64 : -1;
        Left = column > 0 ? _current - 64 : -1;
        Component = component;
        _table = _dcTable[i];
        Array.Clear(_block);
        Position = 0;
        NonZero = 0;
        LastSymbols = 0;
        StartCode(false);
    }

    private void StartCode(bool extra)
    {
        InExtra = extra;
        Node = 1;
        CodeLength = 0;
        CodeStart = true;
    }

    private void OnSymbol(int symbol)
    {
        LastSymbols = (LastSymbols << 8 | symbol) & 0xFFFF;
        if (Position == 0)
        {
            _run = 0;
            _extraBits = symbol & 15;
        }
        else
        {
            _run = symbol >> 4;
            _extraBits = symbol & 15;
            if (_extraBits == 0)
            {
                if (_run == 15) AdvanceBy(16);      // sixteen zeros
                else EndBlock();                    // end of block
                return;
            }
        }
        if (_extraBits == 0)
        {
            OnCoefficient(0);                       // a DC difference of 0
            return;
        }
        Symbol = symbol;
        Position = Math.Min(Position + _run, 63);
        StartCode(true);
    }

    private void OnCoefficient(int value)
    {
        if (Position == 0)
        {
            _dcDifference = value;
            value = Math.Clamp(value + _dcPrediction[Component], -65535, 65535);   // valid data stays within ±2^15; damaged data must not wrap
            _dcPrediction[Component] = value;
        }
        _block[Position] = value;
        if (value != 0) NonZero++;
        AdvanceBy(1);
    }

    private void AdvanceBy(int count)
    {
        Position += count;
        _table = _acTable[_blockComponent[_blockInMcu]];
        if (Position >= 64) EndBlock();
        else StartCode(false);
    }

    private void EndBlock()
    {
        for (int k = 0; k < 64; k++) _rows[_current + k] = (short)Math.Clamp(_block[k], short.MinValue, short.MaxValue);
        _rowCounts[_current >> 6] = (byte)NonZero;
        Array.Copy(_block, _lastBlock, 64);
        LastNonZero = NonZero;
        LastDcDifference = _dcDifference;
        if (++_blockInMcu == _mcuBlocks)
        {
            _blockInMcu = 0;
            if (++_mcu > MaxMcus)
            {
                Lose();   // more than any image holds
                return;
            }
        }
        StartBlock();
    }

    private static int Extend(int bits, int size) => bits < 1 << (size - 1) ? bits - (1 << size) + 1 : bits;

    private static byte[] BuildNatural()
    {
        var natural = new byte[64];
        int k = 0;
        for (int s = 0; s < 15; s++)
        {
            int low = Math.Max(0, s - 7), high = Math.Min(s, 7);
            if ((s & 1) == 1)
                for (int row = low; row <= high; row++) natural[k++] = (byte)(row * 8 + s - row);
            else
                for (int row = high; row >= low; row--) natural[k++] = (byte)(row * 8 + s - row);
        }
        return natural;
    }

    private static byte[] BuildZigZag()
    {
        var zigZag = new byte[64];
        for (int k = 0; k < 64; k++) zigZag[Natural[k]] = (byte)k;
        return zigZag;
    }
}
