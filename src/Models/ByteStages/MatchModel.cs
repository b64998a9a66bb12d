using System.Runtime.CompilerServices;

namespace Midicoth.Models.ByteStages;

/// <summary>
/// Match model: for each context length L (the paper: 4, 6, 8, 12, 16) a table maps the key of the last
/// L bytes to the position that followed its latest occurrence.
/// <para>Predict: while a match is active, predict the next byte of it with confidence
/// (hits/total)·fma(streak, 0.04, 0.65) capped at 0.96 (the reference's fused site F4). Otherwise look
/// for a new match, longest context first; a new match predicts with (hits/total)·min(L/6, 0.9).</para>
/// <para>Update: score the active match (hits/total decay by 0.99 past 500 attempts), then store every
/// length's context → current position (latest occurrence wins).</para>
/// </summary>
public struct MatchModel : IBlendStage
{
    /// <summary>All lengths a topology may choose from (a range of them is used): the stage catalog's list.</summary>
    public static ReadOnlySpan<int> LengthLadder => StageCatalog.MatchLengths;

    private readonly int[] _lengths; // ascending
    private readonly PositionMap[] _tables;
    private readonly ulong[] _keys; // context key per length for the current history (from Prepare)
    private bool _active;
    private int _readPos;
    private int _streak;
    private double _hits;
    private double _total;

    /// <summary>With the catalog's defaults (the paper's values). Structs keep this constructor so that <c>new T()</c> is never a zeroed, unusable model.</summary>
    public MatchModel() : this(StageCatalog.Match.Defaults()[0], StageCatalog.Match.Defaults()[1])
    {
    }

    /// <summary>The match model of lengths <paramref name="minLength"/>..<paramref name="maxLength"/> (the paper: 4..16).</summary>
    public MatchModel(int minLength, int maxLength)
    {
        StageCatalog.Match.Require(minLength, maxLength);
        var lengths = new List<int>();
        foreach (int l in LengthLadder)
        {
            if (l >= minLength && l <= maxLength) lengths.Add(l);
        }
        if (lengths.Count == 0) throw new ArgumentOutOfRangeException(nameof(minLength), "no match length in range");
        _lengths = lengths.ToArray();
        _tables = new PositionMap[_lengths.Length];
        for (int i = 0; i < _tables.Length; i++) _tables[i] = new PositionMap(_lengths[i], 4096);
        _keys = new ulong[_lengths.Length];
        _active = false;
        _readPos = -1;
        _streak = 0;
        _hits = 1.0;
        _total = 2.0;
    }

    public readonly long AllocatedBytes
    {
        get { long sum = 0; foreach (var t in _tables) sum += t.AllocatedBytes; return sum; }
    }

    /// <summary>Computes the context keys of <paramref name="history"/> and prefetches their table slots.</summary>
    public readonly void Prepare(ReadOnlySpan<byte> history)
    {
        for (int i = 0; i < _lengths.Length && _lengths[i] <= history.Length; i++)
        {
            ulong key = ContextHash.OfSuffix(history, _lengths[i]);
            _keys[i] = key;
            _tables[i].Prefetch(key);
        }
    }

    /// <summary>The predicted byte (or -1) and its confidence. Follows <see cref="Prepare"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Predict(ReadOnlySpan<byte> history, out double confidence)
    {
        if (_active && _readPos >= 0 && _readPos < history.Length)
        {
            double conf = _hits / _total * Math.FusedMultiplyAdd(_streak, 0.04, 0.65);
            if (conf > 0.96) conf = 0.96;
            confidence = conf;
            return history[_readPos];
        }
        return FindNewMatch(history, out confidence);
    }

    private int FindNewMatch(ReadOnlySpan<byte> history, out double confidence)
    {
        _active = false;
        int n = history.Length;
        for (int i = _lengths.Length - 1; i >= 0; i--)
        {
            int length = _lengths[i];
            if (n < length) continue;
            if (_tables[i].TryGetValue(_keys[i], history, out int pos) && (uint)pos < (uint)n)
            {
                _active = true;
                _readPos = pos;
                _streak = 0;
                double baseRate = _hits / _total;
                double conf = baseRate * (length / 6.0);
                if (conf > baseRate * 0.9) conf = baseRate * 0.9;
                confidence = conf;
                return history[pos];
            }
        }
        confidence = 0.0;
        return -1;
    }

    /// <summary>Predicts and mixes the prediction in (<see cref="Mix"/>).</summary>
    public Opinion Blend(ReadOnlySpan<byte> history, Span<double> probs, Span<double> scratch)
    {
        int predicted = Predict(history, out double confidence);
        Mix(probs, predicted, confidence);
        return new Opinion(predicted, confidence);
    }

    /// <summary>
    /// The reference's match blend: w = min(conf·0.85, 0.95); p·(1−w) rounded, then p[byte] + w; clamp and
    /// normalise. Nothing changes when no byte is predicted.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Mix(Span<double> probs, int predictedByte, double confidence)
    {
        if (predictedByte < 0) return;
        double w = confidence * 0.85;
        if (w > 0.95) w = 0.95;
        double keep = 1.0 - w;
        // One pass of (scale, clamp, sum) around the predicted byte, which also gains w: p·(1−w) rounded, then + w.
        double sum = Distribution.ScaleClampSum(probs[..predictedByte], keep);
        double boosted = probs[predictedByte] * keep + w;
        if (boosted < Distribution.Floor) boosted = Distribution.Floor;
        probs[predictedByte] = boosted;
        sum = Distribution.ScaleClampSum(probs[(predictedByte + 1)..], keep, sum + boosted);
        Distribution.Scale(probs, 1.0 / sum);
    }

    /// <summary>Scores the active match against <paramref name="actual"/> and records the contexts ending here.</summary>
    public void Update(ReadOnlySpan<byte> history, byte actual)
    {
        int n = history.Length;
        if (_active && _readPos >= 0 && _readPos < n)
        {
            _total += 1.0;
            if (history[_readPos] == actual)
            {
                _hits += 1.0;
                _streak++;
                _readPos++;
            }
            else
            {
                _active = false;
                _streak = 0;
            }
            if (_total > 500.0)
            {
                _hits *= 0.99;
                _total *= 0.99;
            }
        }
        for (int i = 0; i < _lengths.Length; i++)
        {
            int length = _lengths[i];
            if (n >= length) _tables[i].Set(_keys[i], history, n);
        }
    }
}
