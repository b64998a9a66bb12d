using System.Runtime.CompilerServices;

namespace Midicoth.Models.ByteStages;

/// <summary>
/// Word model. Word characters are a-z, A-Z, 0-9, apostrophe and hyphen; words are kept up to 255 bytes.
/// <para>Inside a word: the trie node of the current prefix gives the distribution of the next character
/// (counts of continuations seen after that prefix), shrunk towards the 11 boundary characters by
/// wc/(wc+T) when the prefix is itself a known word (wc times). Confidence min(len/3,1)·min(nc/2,1)·hit rate.</para>
/// <para>Between words: the first characters seen after the previous word (a bigram table), confidence
/// min(total/5,1)·(0.3·hit rate).</para>
/// <para>The hit rate counts how often a confident prediction gave the actual byte more than 0.05.
/// The reference's trie has 256 child pointers per node; here children live in one hash map and the
/// continuation counts in shared sparse lists. The node of the current prefix is tracked as the word grows
/// (the trie only changes at word ends), so prediction does not walk the trie.</para>
/// </summary>
public struct WordModel : IBlendStage
{
    public const int MaxWordLength = 255;
    private const int Root = 0;

    /// <summary>Characters that end a word, in the reference's order (the order does not matter to the output).</summary>
    private static ReadOnlySpan<byte> BoundaryChars => [32, 10, 13, 44, 46, 59, 58, 33, 63, 41, 93];

    private readonly CountLists _continuations; // one list per trie node
    private readonly KeyMap _children;          // (node + 1) << 8 | byte → child node
    private readonly KeyMap _wordCounts;        // word hash → times the word was completed
    private readonly ContextTable _bigrams;     // previous word hash → counts of the next word's first byte
    private readonly double[] _cachedProbs;
    private readonly byte[] _currentWord;

    private int _length;
    private ulong _wordHashState; // FNV-1a state over the current word (before the 0 → 1 rule)
    private int _node;            // trie node of the current word, -1 when the prefix is not in the trie
    private ulong _lastWordHash;
    private bool _hasLastWord;
    private bool _inWord;
    private double _hits;
    private double _attempts;
    private double _cachedConfidence;
    private bool _cacheValid;

    public WordModel()
    {
        _continuations = new CountLists();
        _continuations.Add(); // root
        _children = new KeyMap(4096);
        _wordCounts = new KeyMap(4096);
        _bigrams = new ContextTable(int.MaxValue, 2048);
        _cachedProbs = new double[Distribution.Symbols];
        _currentWord = new byte[MaxWordLength];
        _length = 0;
        _wordHashState = ContextHash.OffsetBasis;
        _node = Root;
        _lastWordHash = 0;
        _hasLastWord = false;
        _inWord = false;
        _hits = 1.0;
        _attempts = 2.0;
        _cachedConfidence = 0.0;
        _cacheValid = false;
    }

    public readonly long AllocatedBytes =>
        _continuations.AllocatedBytes + _children.AllocatedBytes + _wordCounts.AllocatedBytes + _bigrams.AllocatedBytes;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsWordChar(byte c) =>
        (uint)(c - 'a') <= 'z' - 'a' || (uint)(c - 'A') <= 'Z' - 'A' || (uint)(c - '0') <= 9 || c == '\'' || c == '-';

    private readonly ulong CurrentWordHash => _wordHashState == 0 ? 1 : _wordHashState;

    private static ulong ChildKey(int node, byte c) => ((ulong)(uint)(node + 1) << 8) | c;

    /// <summary>Nothing to prefetch: the word model's state is small and already at hand.</summary>
    public readonly void Prepare(ReadOnlySpan<byte> history)
    {
    }

    /// <summary>Predicts into <paramref name="scratch"/> and mixes it in (<see cref="Mix"/>).</summary>
    public Opinion Blend(ReadOnlySpan<byte> history, Span<double> probs, Span<double> scratch)
    {
        bool ok = Predict(scratch, out double confidence);
        if (ok) Mix(probs, scratch, confidence);
        return new Opinion(ok ? 1 : 0, confidence);
    }

    /// <summary>
    /// The reference's word blend: w = min(conf·0.35, 0.45); p = fma(p, 1−w, q·w) (its compiler's fused site F2);
    /// clamp, normalise. Skipped below confidence 0.01.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Mix(Span<double> probs, ReadOnlySpan<double> wordProbs, double confidence)
    {
        if (confidence < 0.01) return;
        double w = confidence * 0.35;
        if (w > 0.45) w = 0.45;
        Distribution.MixFused(probs, wordProbs, w);
    }

    /// <summary>See <see cref="Update(byte)"/>.</summary>
    public void Update(ReadOnlySpan<byte> history, byte symbol) => Update(symbol);

    /// <summary>
    /// Fills <paramref name="probs"/> and returns true with a confidence when the model has an opinion.
    /// The result is remembered for <see cref="Update(byte)"/>, which scores it.
    /// </summary>
    public bool Predict(Span<double> probs, out double confidence)
    {
        probs = probs[..Distribution.Symbols];
        confidence = 0.0;
        bool ok = _inWord ? _length >= 1 && PredictInWord(probs, out confidence) : PredictBetweenWords(probs, out confidence);
        if (!ok) confidence = 0.0;
        if (ok) probs.CopyTo(_cachedProbs);
        _cachedConfidence = confidence;
        _cacheValid = true;
        return ok;
    }

    private readonly bool PredictInWord(Span<double> probs, out double confidence)
    {
        confidence = 0.0;
        if (_node < 0) return false;
        ReadOnlySpan<byte> keys = _continuations.Symbols(_node);
        ReadOnlySpan<int> counts = _continuations.Counts(_node);
        int continuations = keys.Length;
        if (continuations == 0) return false;

        probs.Clear();
        Span<ulong> nonZero = stackalloc ulong[4];
        int total = _continuations.Total(_node);
        double invTotal = 1.0 / total;
        for (int i = 0; i < keys.Length; i++)
        {
            probs[keys[i]] = counts[i] * invTotal;
            Mark(nonZero, keys[i]);
        }

        if (_wordCounts.TryGetValue(CurrentWordHash, out int wordCount) && wordCount > 0)
        {
            double boundaryWeight = (double)wordCount / (wordCount + total);
            Distribution.Scale(probs, 1.0 - boundaryWeight);
            foreach (byte b in BoundaryChars)
            {
                probs[b] += boundaryWeight / BoundaryChars.Length;
                Mark(nonZero, b);
            }
        }

        double conf = _length / 3.0 < 1.0 ? _length / 3.0 : 1.0;
        double continuationFactor = continuations * 0.5;
        if (continuationFactor > 1.0) continuationFactor = 1.0;
        conf *= continuationFactor;
        conf *= _hits / _attempts;
        confidence = conf;
        return NormaliseIfPositive(probs, nonZero);
    }

    private readonly bool PredictBetweenWords(Span<double> probs, out double confidence)
    {
        confidence = 0.0;
        if (!_hasLastWord) return false;
        int ctx = _bigrams.Find(_lastWordHash);
        if (ctx < 0) return false;
        CountLists lists = _bigrams.Lists;
        int total = lists.Total(ctx);
        if (total <= 0) return false;

        probs.Clear();
        Span<ulong> nonZero = stackalloc ulong[4];
        double inv = 1.0 / total;
        ReadOnlySpan<byte> keys = lists.Symbols(ctx);
        ReadOnlySpan<int> counts = lists.Counts(ctx);
        for (int i = 0; i < keys.Length; i++)
        {
            if (counts[i] <= 0) continue;
            probs[keys[i]] = counts[i] * inv;
            Mark(nonZero, keys[i]);
        }
        double conf = total / 5.0 < 1.0 ? total / 5.0 : 1.0;
        conf *= 0.3 * (_hits / _attempts);
        confidence = conf;
        return NormaliseIfPositive(probs, nonZero);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Mark(Span<ulong> set, byte symbol) => set[symbol >> 6] |= 1UL << (symbol & 63);

    /// <summary>
    /// Sum (in index order, over the entries marked non-zero: adding the others' 0.0 would change nothing),
    /// then multiply by 1/sum.
    /// </summary>
    private static bool NormaliseIfPositive(Span<double> probs, ReadOnlySpan<ulong> nonZero)
    {
        double sum = 0.0;
        for (int w = 0; w < nonZero.Length; w++)
        {
            for (ulong bits = nonZero[w]; bits != 0; bits &= bits - 1)
            {
                sum += probs[(w << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits)];
            }
        }
        if (!(sum > 0.0)) return false;
        Distribution.Scale(probs, 1.0 / sum);
        return true;
    }

    /// <summary>Scores the last prediction against <paramref name="b"/> and advances the word state.</summary>
    public void Update(byte b)
    {
        if (_cacheValid && _cachedConfidence > 0.01)
        {
            _attempts += 1.0;
            if (_cachedProbs[b] > 0.05) _hits += 1.0;
            if (_attempts > 500.0)
            {
                _hits *= 0.99;
                _attempts *= 0.99;
            }
        }

        if (IsWordChar(b))
        {
            if (!_inWord)
            {
                _length = 0;
                _wordHashState = ContextHash.OffsetBasis;
                _node = Root;
                _inWord = true;
                if (_hasLastWord)
                {
                    int ctx = _bigrams.FindOrAdd(_lastWordHash);
                    _bigrams.Lists.Counter(ctx, b)++;
                    _bigrams.Lists.Total(ctx)++;
                }
            }
            if (_length < MaxWordLength) Append(b);
        }
        else
        {
            if (_inWord)
            {
                if (_length >= 2) AddCurrentWord();
                _lastWordHash = CurrentWordHash;
                _hasLastWord = true;
            }
            _inWord = false;
            _length = 0;
        }
        _cacheValid = false;
    }

    private void Append(byte b)
    {
        _length++;
        _wordHashState = unchecked((_wordHashState ^ b) * ContextHash.Prime);
        if (_node >= 0) _node = _children.TryGetValue(ChildKey(_node, b), out int child) ? child : -1;
        _currentWord[_length - 1] = b;
    }

    private void AddCurrentWord()
    {
        _wordCounts.GetOrAdd(CurrentWordHash, out _)++;
        int node = Root;
        for (int i = 0; i < _length; i++)
        {
            ref int child = ref _children.GetOrAdd(ChildKey(node, _currentWord[i]), out bool added);
            if (added) child = _continuations.Add();
            node = child;
            if (i + 1 < _length)
            {
                _continuations.Counter(node, _currentWord[i + 1])++;
                _continuations.Total(node)++;
            }
        }
    }
}
