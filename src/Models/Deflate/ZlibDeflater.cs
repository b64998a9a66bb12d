using static Midicoth.Models.Deflate.DeflateTables;

namespace Midicoth.Models.Deflate;

/// <summary>
/// A deflate encoder that makes, for the same input and parameters, the very bits zlib's <c>deflate()</c> makes in one
/// call with <c>Z_FINISH</c> (default strategy, levels 1..9), or GNU gzip's (see <see cref="DeflateParameters"/>).
/// It follows zlib's design decision for decision: the two-half sliding window and when it slides, the hash chains
/// and their limits, lazy matching, the "too far" rule, when a block ends, how its trees are built and whether it
/// is stored, fixed or dynamic. Anything else would still be valid deflate but not the same bits, and recompression
/// needs the same bits. Written from the format and zlib's documented behaviour; checked against zlib itself
/// (Python's zlib module) and gzip in the tests.
/// </summary>
internal sealed partial class ZlibDeflater
{
    private const int MinLookahead = MaxMatch + MinMatch + 1;
    private const int TooFar = 4096;
    private const int WinInit = MaxMatch;

    /// <summary>zlib's configuration table: good length, lazy length, nice length, chain length; levels 1..3 match greedily.</summary>
    private static readonly (int Good, int Lazy, int Nice, int Chain)[] Configuration =
    [
        (0, 0, 0, 0), (4, 4, 8, 4), (4, 5, 16, 8), (4, 6, 32, 32),
        (4, 4, 16, 16), (8, 16, 32, 32), (8, 16, 128, 128), (8, 32, 128, 256), (32, 128, 258, 1024), (32, 258, 258, 4096),
    ];

    private readonly DeflateParameters _p;
    private readonly int _wSize, _wMask, _windowSize, _maxDist, _hashMask, _hashShift, _symEnd;
    private readonly int _good, _lazy, _nice, _chain;
    private readonly byte[] _window;
    private readonly ushort[] _prev, _head;
    private readonly ushort[] _symDist;
    private readonly byte[] _symLength;
    private readonly HuffmanTree _lTree = new(LiteralCodes, MaxBits, LengthExtra, Literals + 1, FixedLiteralLengths);
    private readonly HuffmanTree _dTree = new(DistanceCodes, MaxBits, DistanceExtra, 0, FixedDistanceLengths);
    private readonly HuffmanTree _blTree = new(BitLengthCodes, MaxBitLengthBits, BitLengthExtra, 0, null);
    private readonly TreeBuilder _builder = new();

    /// <summary>Matches in the current block (gzip's early end of a block looks at them).</summary>
    private int _matchesInBlock;

    private int _strStart, _blockStart, _lookahead, _insert, _matchLength, _prevLength, _matchStart, _prevMatch, _insH, _highWater, _symNext;
    private bool _matchAvailable;
    private byte[] _input = [];
    private int _inputAt;
    private BitOutput _out = null!;

    public ZlibDeflater(DeflateParameters parameters)
    {
        if (parameters.Problem() is string problem) throw new ArgumentException(problem, nameof(parameters));
        _p = parameters;
        int windowBits = parameters.WindowBits == 8 ? 9 : parameters.WindowBits;
        _wSize = 1 << windowBits;
        _wMask = _wSize - 1;
        _windowSize = 2 * _wSize;
        _maxDist = _wSize - MinLookahead;
        int hashBits = parameters.MemLevel + 7;
        _hashMask = (1 << hashBits) - 1;
        _hashShift = (hashBits + MinMatch - 1) / MinMatch;
        // zlib ends a block when its symbol buffer (2^(memLevel+6) entries) is one short of full; gzip's holds 32K.
        int litBufsize = parameters.Gzip ? 0x8000 : 1 << (parameters.MemLevel + 6);
        _symEnd = litBufsize - 1;
        (_good, _lazy, _nice, _chain) = Configuration[parameters.Level];
        // gzip's loops hash up to two bytes past the window's end at the very end of the input: room for them.
        _window = new byte[_windowSize + MinMatch];
        _prev = new ushort[_wSize];
        _head = new ushort[1 << hashBits];
        _symDist = new ushort[litBufsize];
        _symLength = new byte[litBufsize];
    }

    /// <summary>
    /// Deflates <paramref name="data"/> into <paramref name="output"/>. When <paramref name="expected"/> is given,
    /// stops as soon as a finished block differs from it (a wrong guess of parameters costs a block, not the stream).
    /// Returns the length written, or −1 if the output would not fit or differs from <paramref name="expected"/>.
    /// </summary>
    public static int Deflate(byte[] data, DeflateParameters parameters, byte[] output, byte[]? expected = null)
    {
        var deflater = new ZlibDeflater(parameters);
        return deflater.Run(data, new BitOutput(output, expected));
    }

    private int Run(byte[] input, BitOutput output)
    {
        _input = input;
        _out = output;
        _matchLength = _prevLength = MinMatch - 1;
        InitBlock();
        bool finished = _p.Gzip ? GzipDeflate() : ZlibDeflate(lazy: _p.Level > 3);
        return finished && !_out.Failed ? _out.Length : -1;
    }

    private void InitBlock()
    {
        _lTree.Clear();
        _dTree.Clear();
        _blTree.Clear();
        _lTree.Freq[EndBlock] = 1;
        _builder.OptimalBits = _builder.FixedBits = 0;
        _symNext = 0;
        _matchesInBlock = 0;
    }

    private int Hash(int h, byte c) => ((h << _hashShift) ^ c) & _hashMask;

    /// <summary>Inserts the string at <paramref name="position"/> and returns the previous head of its chain.</summary>
    private int InsertString(int position)
    {
        _insH = Hash(_insH, _window[position + MinMatch - 1]);
        int head = _head[_insH];
        _prev[position & _wMask] = (ushort)head;
        _head[_insH] = (ushort)position;
        return head;
    }

    private void FillWindow()
    {
        do
        {
            int more = _windowSize - _lookahead - _strStart;
            if (_strStart >= _wSize + _maxDist)
            {
                Array.Copy(_window, _wSize, _window, 0, _wSize - more);
                _matchStart -= _wSize;
                _strStart -= _wSize;
                _blockStart -= _wSize;
                if (_insert > _strStart) _insert = _strStart;
                SlideHash();
                more += _wSize;
            }
            if (_inputAt == _input.Length) break;
            int n = Math.Min(more, _input.Length - _inputAt);
            Array.Copy(_input, _inputAt, _window, _strStart + _lookahead, n);
            _inputAt += n;
            _lookahead += n;
            if (_lookahead + _insert >= MinMatch)
            {
                int str = _strStart - _insert;
                _insH = _window[str];
                _insH = Hash(_insH, _window[str + 1]);
                while (_insert != 0)
                {
                    _insH = Hash(_insH, _window[str + MinMatch - 1]);
                    _prev[str & _wMask] = _head[_insH];
                    _head[_insH] = (ushort)str;
                    str++;
                    _insert--;
                    if (_lookahead + _insert < MinMatch) break;
                }
            }
        }
        while (_lookahead < MinLookahead && _inputAt < _input.Length);

        // zlib zeroes the bytes just past the data the first time it gets there (what the match search may read).
        if (_highWater < _windowSize)
        {
            int current = _strStart + _lookahead;
            if (_highWater < current)
            {
                int init = Math.Min(_windowSize - current, WinInit);
                Array.Clear(_window, current, init);
                _highWater = current + init;
            }
            else if (_highWater < current + WinInit)
            {
                int init = Math.Min(current + WinInit - _highWater, _windowSize - _highWater);
                Array.Clear(_window, _highWater, init);
                _highWater += init;
            }
        }
    }

    private void SlideHash()
    {
        for (int n = 0; n < _head.Length; n++) _head[n] = (ushort)(_head[n] >= _wSize ? _head[n] - _wSize : 0);
        for (int n = 0; n < _prev.Length; n++) _prev[n] = (ushort)(_prev[n] >= _wSize ? _prev[n] - _wSize : 0);
    }

    private int LongestMatch(int curMatch)
    {
        int chainLength = _chain;
        int scanAt = _strStart;
        int bestLength = _prevLength;
        int nice = _nice;
        int limit = _strStart > _maxDist ? _strStart - _maxDist : 0;
        byte[] w = _window;
        int strEnd = _strStart + MaxMatch;
        byte scanEnd1 = w[scanAt + bestLength - 1];
        byte scanEnd = w[scanAt + bestLength];
        if (_prevLength >= _good) chainLength >>= 2;
        // gzip does not hold the search to the input's end (it trims the length afterwards).
        if (!_p.Gzip && nice > _lookahead) nice = _lookahead;
        do
        {
            int match = curMatch;
            if (w[match + bestLength] != scanEnd || w[match + bestLength - 1] != scanEnd1 || w[match] != w[scanAt] || w[match + 1] != w[scanAt + 1]) continue;
            // The third byte is equal when the first two are and the hashes are (hash bits >= 8).
            int scan = scanAt + 2;
            match += 2;
            while (scan < strEnd && w[++scan] == w[++match])
            {
            }
            int length = MaxMatch - (strEnd - scan);
            if (length > bestLength)
            {
                _matchStart = curMatch;
                bestLength = length;
                if (length >= nice) break;
                scanEnd1 = w[scanAt + bestLength - 1];
                scanEnd = w[scanAt + bestLength];
            }
        }
        while ((curMatch = _prev[curMatch & _wMask]) > limit && --chainLength != 0);
        return bestLength <= _lookahead ? bestLength : _lookahead;
    }

    /// <summary>zlib's deflate_fast (greedy, levels 1-3) or deflate_slow (lazy, 4-9): refill, insert, one step.</summary>
    private bool ZlibDeflate(bool lazy)
    {
        while (true)
        {
            if (_lookahead < MinLookahead)
            {
                FillWindow();
                if (_lookahead == 0) break;
            }
            int hashHead = _lookahead >= MinMatch ? InsertString(_strStart) : 0;
            bool mayMatch = hashHead != 0 && _strStart - hashHead <= _maxDist;
            if (lazy)
            {
                if (!LazyStep(hashHead, mayMatch, insertAll: false)) return false;
                continue;
            }
            if (mayMatch) _matchLength = LongestMatch(hashHead);
            if (!GreedyStep(insertAll: false)) return false;
        }
        if (_matchAvailable)
        {
            TallyLiteral(_window[_strStart - 1]);
            _matchAvailable = false;
        }
        _insert = _strStart < MinMatch - 1 ? _strStart : MinMatch - 1;
        return FlushBlock(true);
    }

    /// <summary>
    /// One step of the greedy loop (levels 1-3) once the match at the current position is known: a match is coded
    /// and its strings inserted (all of them when short, or as zlib does only while three bytes remain, unless
    /// <paramref name="insertAll"/>, as gzip does), or a literal is. False when the output failed.
    /// </summary>
    private bool GreedyStep(bool insertAll)
    {
        bool flush;
        if (_matchLength >= MinMatch)
        {
            flush = TallyMatch(_strStart - _matchStart, _matchLength - MinMatch);
            _lookahead -= _matchLength;
            if (_matchLength <= _lazy && (insertAll || _lookahead >= MinMatch))
            {
                _matchLength--;
                do
                {
                    _strStart++;
                    InsertString(_strStart);
                }
                while (--_matchLength != 0);
                _strStart++;
            }
            else
            {
                _strStart += _matchLength;
                _matchLength = 0;
                _insH = Hash(_window[_strStart], _window[_strStart + 1]);
            }
        }
        else
        {
            flush = TallyLiteral(_window[_strStart]);
            _lookahead--;
            _strStart++;
        }
        return !flush || FlushBlock(false);
    }

    /// <summary>
    /// One step of the lazy loop (levels 4-9) once the current string is inserted: look for a match when
    /// <paramref name="mayMatch"/> and the previous one is short; code the previous match if this one is no longer,
    /// else the previous byte, else wait a byte. gzip inserts every string of a coded match (<paramref name="insertAll"/>),
    /// zlib only those with three bytes after them. False when the output failed.
    /// </summary>
    private bool LazyStep(int hashHead, bool mayMatch, bool insertAll)
    {
        _prevLength = _matchLength;
        _prevMatch = _matchStart;
        _matchLength = MinMatch - 1;
        if (mayMatch && _prevLength < _lazy)
        {
            _matchLength = LongestMatch(hashHead);
            if (_matchLength == MinMatch && _strStart - _matchStart > TooFar) _matchLength = MinMatch - 1;
        }
        if (_prevLength >= MinMatch && _matchLength <= _prevLength)
        {
            int maxInsert = _strStart + _lookahead - MinMatch;
            bool flush = TallyMatch(_strStart - 1 - _prevMatch, _prevLength - MinMatch);
            _lookahead -= _prevLength - 1;
            _prevLength -= 2;
            do
            {
                if (++_strStart <= maxInsert || insertAll) InsertString(_strStart);
            }
            while (--_prevLength != 0);
            _matchAvailable = false;
            _matchLength = MinMatch - 1;
            _strStart++;
            return !flush || FlushBlock(false);
        }
        if (_matchAvailable)
        {
            if (TallyLiteral(_window[_strStart - 1]) && !FlushBlock(false)) return false;
        }
        _matchAvailable = true;
        _strStart++;
        _lookahead--;
        return true;
    }

    private bool TallyLiteral(byte c)
    {
        _symDist[_symNext] = 0;
        _symLength[_symNext++] = c;
        _lTree.Freq[c]++;
        return BlockFull();
    }

    private bool TallyMatch(int distance, int lengthMinus3)
    {
        _symDist[_symNext] = (ushort)distance;
        _symLength[_symNext++] = (byte)lengthMinus3;
        _lTree.Freq[LengthCode[lengthMinus3] + Literals + 1]++;
        _dTree.Freq[DistanceCode(distance - 1)]++;
        _matchesInBlock++;
        return BlockFull();
    }

    /// <summary>Whether the block ends after this symbol: the symbol buffer is full, or (gzip, levels 3 and up) every 4096 symbols, when the block already compresses well.</summary>
    private bool BlockFull()
    {
        if (_symNext == _symEnd) return true;
        if (!_p.Gzip || _p.Level <= 2 || (_symNext & 0xFFF) != 0) return false;
        long outLength = (long)_symNext * 8;
        long inLength = _strStart - _blockStart;
        for (int d = 0; d < DistanceCodes; d++) outLength += _dTree.Freq[d] * (5L + DistanceExtra[d]);
        outLength >>= 3;
        return _matchesInBlock < _symNext / 2 && outLength < inLength / 2;
    }

    /// <summary>zlib's FLUSH_BLOCK: the block from the last one's end to here, stored when the data is still in the window.</summary>
    private bool FlushBlock(bool last)
    {
        int storedLength = _strStart - _blockStart;
        FlushBlock(_blockStart >= 0 ? _blockStart : -1, storedLength, last);
        _blockStart = _strStart;
        return _out.Check();
    }

    private void FlushBlock(int storedAt, int storedLength, bool last)
    {
        _lTree.Build(_builder);
        _dTree.Build(_builder);
        int maxBlIndex = BuildBitLengthTree();
        long optimal = (_builder.OptimalBits + 3 + 7) >> 3;
        long fixedBytes = (_builder.FixedBits + 3 + 7) >> 3;
        if (fixedBytes <= optimal) optimal = fixedBytes;
        if (storedLength + 4 <= optimal && storedAt >= 0)
        {
            _out.Bits(last ? 1 : 0, 3);
            _out.AlignToByte();
            _out.Short(storedLength);
            _out.Short(~storedLength & 0xFFFF);
            _out.Bytes(_window.AsSpan(storedAt, storedLength));
        }
        else if (fixedBytes == optimal)
        {
            _out.Bits((1 << 1) + (last ? 1 : 0), 3);
            CompressBlock(FixedLiteralCodes, FixedLiteralLengths, FixedDistanceCodes, FixedDistanceLengths);
        }
        else
        {
            _out.Bits((2 << 1) + (last ? 1 : 0), 3);
            SendAllTrees(_lTree.MaxCode + 1, _dTree.MaxCode + 1, maxBlIndex + 1);
            CompressBlock(_lTree.Code, _lTree.Len, _dTree.Code, _dTree.Len);
        }
        InitBlock();
        if (last) _out.AlignToByte();
    }

    private void CompressBlock(int[] lCodes, int[] lLengths, int[] dCodes, int[] dLengths)
    {
        for (int s = 0; s < _symNext; s++)
        {
            int distance = _symDist[s];
            int lc = _symLength[s];
            if (distance == 0)
            {
                Send(lc, lCodes, lLengths);
                continue;
            }
            int code = LengthCode[lc];
            Send(code + Literals + 1, lCodes, lLengths);
            if (LengthExtra[code] != 0) _out.Bits(lc - LengthBase[code], LengthExtra[code]);
            distance--;
            code = DistanceCode(distance);
            Send(code, dCodes, dLengths);
            if (DistanceExtra[code] != 0) _out.Bits(distance - DistanceBase[code], DistanceExtra[code]);
        }
        Send(EndBlock, lCodes, lLengths);
    }

    private void Send(int symbol, int[] codes, int[] lengths) => _out.Bits(codes[symbol], lengths[symbol]);

    private int BuildBitLengthTree()
    {
        ScanTree(_lTree);
        ScanTree(_dTree);
        _blTree.Build(_builder);
        int maxBlIndex;
        for (maxBlIndex = BitLengthCodes - 1; maxBlIndex >= 3; maxBlIndex--)
        {
            if (_blTree.Len[BitLengthOrder[maxBlIndex]] != 0) break;
        }
        _builder.OptimalBits += 3 * ((long)maxBlIndex + 1) + 5 + 5 + 4;
        return maxBlIndex;
    }

    /// <summary>Counts the code-length symbols (with runs: 16, 17, 18) that describe <paramref name="tree"/>'s lengths.</summary>
    private void ScanTree(HuffmanTree tree) => WalkTree(tree, send: false);

    private void SendTree(HuffmanTree tree) => WalkTree(tree, send: true);

    private void WalkTree(HuffmanTree tree, bool send)
    {
        int maxCode = tree.MaxCode;
        int[] len = tree.Len;
        int prevLength = -1, nextLength = len[0], count = 0, maxCount = 7, minCount = 4;
        if (nextLength == 0)
        {
            maxCount = 138;
            minCount = 3;
        }
        if (!send) len[maxCode + 1] = 0xFFFF;
        int[] freq = _blTree.Freq;
        for (int n = 0; n <= maxCode; n++)
        {
            int curLength = nextLength;
            nextLength = len[n + 1];
            if (++count < maxCount && curLength == nextLength) continue;
            if (count < minCount)
            {
                if (send) { do SendBitLength(curLength); while (--count != 0); }
                else freq[curLength] += count;
            }
            else if (curLength != 0)
            {
                if (send)
                {
                    if (curLength != prevLength)
                    {
                        SendBitLength(curLength);
                        count--;
                    }
                    SendBitLength(16);
                    _out.Bits(count - 3, 2);
                }
                else
                {
                    if (curLength != prevLength) freq[curLength]++;
                    freq[16]++;
                }
            }
            else if (count <= 10)
            {
                if (send)
                {
                    SendBitLength(17);
                    _out.Bits(count - 3, 3);
                }
                else freq[17]++;
            }
            else
            {
                if (send)
                {
                    SendBitLength(18);
                    _out.Bits(count - 11, 7);
                }
                else freq[18]++;
            }
            count = 0;
            prevLength = curLength;
            if (nextLength == 0)
            {
                maxCount = 138;
                minCount = 3;
            }
            else if (curLength == nextLength)
            {
                maxCount = 6;
                minCount = 3;
            }
            else
            {
                maxCount = 7;
                minCount = 4;
            }
        }
    }

    private void SendBitLength(int symbol) => _out.Bits(_blTree.Code[symbol], _blTree.Len[symbol]);

    private void SendAllTrees(int lCodes, int dCodes, int blCodes)
    {
        _out.Bits(lCodes - 257, 5);
        _out.Bits(dCodes - 1, 5);
        _out.Bits(blCodes - 4, 4);
        for (int rank = 0; rank < blCodes; rank++) _out.Bits(_blTree.Len[BitLengthOrder[rank]], 3);
        SendTree(_lTree);
        SendTree(_dTree);
    }
}
