using static Midicoth.Models.Deflate.DeflateTables;

namespace Midicoth.Models.Deflate;

/// <summary>
/// The GNU gzip flavour of the encoder. gzip's deflate is the ancestor of zlib's and decides alike, but for how it
/// reads its input (64 KiB first, then one read per refill, refilled after each step rather than before), how it
/// slides (the whole half, and never once the input has ended, so the last stretch finds no matches), that it
/// inserts every string into the hash chains even near the end, that it does not hold the match search to the
/// input's end, and that it ends blocks early where they compress well (see <see cref="BlockFull"/>). Files made
/// by <c>gzip -9</c> (compressed manuals, changelogs, tarballs) are made by this flavour.
/// </summary>
internal sealed partial class ZlibDeflater
{
    private bool _endOfInput;

    private bool GzipDeflate()
    {
        _lookahead = Math.Min(_input.Length, _windowSize);
        Array.Copy(_input, 0, _window, 0, _lookahead);
        _inputAt = _lookahead;
        _endOfInput = _lookahead == 0;
        if (!_endOfInput)
        {
            while (_lookahead < MinLookahead && !_endOfInput) GzipFillWindow();
            _insH = Hash(Hash(0, _window[0]), _window[1]);
        }
        bool ok = _p.Level <= 3 ? GzipFast() : GzipSlow();
        return ok && FlushBlock(true);
    }

    private void GzipFillWindow()
    {
        int more = _windowSize - _lookahead - _strStart;
        if (_strStart >= _wSize + _maxDist)
        {
            Array.Copy(_window, _wSize, _window, 0, _wSize);
            _matchStart -= _wSize;
            _strStart -= _wSize;
            _blockStart -= _wSize;
            SlideHash();
            more += _wSize;
        }
        int n = Math.Min(more, _input.Length - _inputAt);
        if (n == 0)
        {
            // gzip zeroes the two bytes after the input, so that the last strings it hashes do not depend on old data.
            _endOfInput = true;
            Array.Clear(_window, _strStart + _lookahead, MinMatch - 1);
            return;
        }
        Array.Copy(_input, _inputAt, _window, _strStart + _lookahead, n);
        _inputAt += n;
        _lookahead += n;
    }

    private bool GzipMayMatch(int hashHead) =>
        hashHead != 0 && _strStart - hashHead <= _maxDist && _strStart <= _windowSize - (MaxMatch + MinMatch + 1);

    private bool GzipSlow()
    {
        _matchLength = MinMatch - 1;
        while (_lookahead != 0)
        {
            int hashHead = InsertString(_strStart);
            if (!LazyStep(hashHead, GzipMayMatch(hashHead), insertAll: true)) return false;
            while (_lookahead < MinLookahead && !_endOfInput) GzipFillWindow();
        }
        if (_matchAvailable) TallyLiteral(_window[_strStart - 1]);
        return true;
    }

    private bool GzipFast()
    {
        _matchLength = 0;
        while (_lookahead != 0)
        {
            int hashHead = InsertString(_strStart);
            if (GzipMayMatch(hashHead)) _matchLength = LongestMatch(hashHead);
            if (!GreedyStep(insertAll: true)) return false;
            while (_lookahead < MinLookahead && !_endOfInput) GzipFillWindow();
        }
        return true;
    }
}
