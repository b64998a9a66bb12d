using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Midicoth.Models.Jpeg;

/// <summary>
/// JPEG model (<c>jpeg:BITS</c>): inside the entropy-coded data of a baseline JPEG image (found and followed by
/// <see cref="JpegScan"/> wherever it sits in the data), bytes mean little; Huffman codes and coefficient bits do.
/// So its contexts change at each code's start, not at byte boundaries, and describe the coefficient the code is
/// about: component, zig-zag position and, for the extra bits, the Huffman symbol; the same coefficient in the
/// blocks above and to the left and in the block decoded last (another component at the same place, in images
/// without subsampling); what the edges with the blocks above and to the left predict for it (continuity of the
/// pixels across the edge, solved in the DCT domain with the quantisers); its neighbours and predecessors in the
/// block; how many coefficients are non-zero here and there and how much is left in the blocks around; the last
/// symbols. DC coefficients are coded as differences, so their contexts are too.
/// <para>
/// Each of the 21 contexts, with the code's bits so far, picks a slot of one table of 2^BITS slots (hashed,
/// unchecked: 5 bytes each, a bit history and an adaptive probability), which gives two stretched probabilities.
/// Three small mixers (weight sets by position and the code's first bits; by code length and component; by what the neighbours predict)
/// combine them; two interpolated maps refine their average (by position, and by the edge prediction, with the
/// code's first bits); those five are the stage's mixer inputs. Outside JPEG data the inputs are 0, which the
/// mixer neither uses nor learns from; a byte then costs the stage one marker check, and its table is not
/// allocated until a scan starts.
/// </para>
/// <para>
/// Measured and left out: checked 64-byte lines holding three bits of a code each (fewer cache misses: JPEG data
/// ran 1.5x as fast) compressed fireworks.jpeg 0.6% worse in more memory; a context of the block decoded two
/// before (+0), of which neighbours are non-zero ahead (+60 bytes).
/// </para>
/// </summary>
public unsafe struct JpegStage : IBitPredictor
{
    public const int Inputs = StageCatalog.JpegInputs;

    // Sizes the catalog's memory figure counts too (see StageCatalog.JpegContexts and the rest).
    private const int Contexts = StageCatalog.JpegContexts;
    private const int Weights = StageCatalog.JpegWeights;
    private const int PositionSets = StageCatalog.JpegPositionSets;
    private const int LengthSets = StageCatalog.JpegLengthSets;
    private const int NeighbourSets = StageCatalog.JpegNeighbourSets;
    private const int PositionRows = StageCatalog.JpegPositionRows;     // code kind × position × the byte so far
    private const int NeighbourRows = StageCatalog.JpegNeighbourRows;   // code kind × neighbours × the byte so far
    private const int Rate = 6;
    private const int RefineRate = 6;
    private const uint Salt = 701;
    private const int InitialWeight = 1 << 11;   // 1/32: the mixers start cautious (measured: 1/4 cost 0.4%)

    private readonly JpegScan _scan;
    private readonly long _tableSize;
    private byte[] _states;              // bit histories (allocated at the first scan)
    private AdaptiveMap _direct;         // ... and each slot's own probability
    private readonly int _shift;
    private readonly AdaptiveMap _maps;  // per context, its states' probabilities
    private readonly uint[] _hashes;     // per context, at the current code's start
    private readonly int[] _slots;       // per context, this bit's history
    private readonly int[] _inputs;      // stretched probabilities and the bias
    private readonly int[] _byPosition, _byLength, _byNeighbours;
    private int _rowA, _rowB, _rowC, _pA, _pB, _pC, _neighbours;
    private readonly ushort[] _refineByPosition, _refineByNeighbours;   // APM rows (see ApmRows)
    private int _r1, _r2, _w1, _w2;       // where the refinements read, and how much the second point weighed
    private int _both;                    // the edge prediction's signed size (the second refinement's row)
    private bool _slotsReady;            // _slots were found (and fetched) for the coming bit while the last one was learnt

    /// <param name="bits">log2 of the table's slots (5 bytes each).</param>
    /// <param name="inputLength">The block's length (sizes the table down for short blocks).</param>
    public JpegStage(int bits, long inputLength = long.MaxValue)
    {
        StageCatalog.Jpeg.Require(bits);
        long size = TableSize.For(bits, inputLength, 128);
        _tableSize = size;
        _states = [];
        _direct = default;
        _shift = 32 - BitOperations.Log2((ulong)size);
        _scan = new JpegScan();
        _maps = new AdaptiveMap(Contexts * 256, 1023);
        _hashes = new uint[Contexts];
        _slots = new int[Contexts];
        _inputs = new int[Weights];
        _byPosition = NewMixer(PositionSets);
        _byLength = NewMixer(LengthSets);
        _byNeighbours = NewMixer(NeighbourSets);
        _refineByPosition = NewRefiner(PositionRows + 1);
        _refineByNeighbours = NewRefiner(NeighbourRows + 1);
    }

    /// <summary>JPEG data is being followed (or the byte after an FF in it): the stage predicts and learns.</summary>
    private readonly bool Active => _scan.Decoding || _scan.Stuffing;

    public readonly int InputCount => Inputs;

    public readonly long AllocatedBytes =>
        _states.Length * 5L + _scan.AllocatedBytes + _maps.AllocatedBytes + (_byPosition.Length + _byLength.Length + _byNeighbours.Length + 3 * Contexts) * 4L
        + (_refineByPosition.Length + _refineByNeighbours.Length) * 2L;

    public void Predict(ref BitContext context, ref int inputs)
    {
        if (!Active)
        {
            MemoryMarshal.CreateSpan(ref inputs, Inputs).Clear();
            return;
        }
        if (_states.Length == 0)
        {
            // The first scan: JPEG data is rare, so the tables wait for it.
            _states = new byte[_tableSize];
            _direct = new AdaptiveMap((int)_tableSize, 1023);
        }
        bool stuffing = _scan.Stuffing;
        uint node = stuffing ? (uint)context.C0 : (uint)_scan.Node;
        if (!_slotsReady) FindSlots(node, stuffing);
        _slotsReady = false;
        for (int i = 0; i < Contexts; i++)
        {
            int slot = _slots[i];
            _inputs[i] = Logistic.Stretch(_maps.P(i * 256 + _states[slot]));
            _inputs[Contexts + i] = Logistic.Stretch(_direct.P(slot));
        }
        _inputs[2 * Contexts] = MixerStage.Bias;
        int kind = _scan.InExtra ? 1 : 0;
        _rowA = (stuffing ? PositionSets - 1 : (kind * 64 + _scan.Position) * 4 + Math.Min(_scan.CodeLength, 3)) * Weights;
        _rowB = (stuffing ? LengthSets - 1 : (kind * 17 + _scan.CodeLength) * 4 + _scan.Component) * Weights;
        _rowC = (stuffing ? NeighbourSets - 1 : kind * 64 + _neighbours) * Weights;
        _pA = Mix(_byPosition, _rowA);
        _pB = Mix(_byLength, _rowB);
        _pC = Mix(_byNeighbours, _rowC);
        int a = Logistic.Stretch(_pA), b = Logistic.Stretch(_pB), c = Logistic.Stretch(_pC);
        inputs = a;
        Unsafe.Add(ref inputs, 1) = b;
        Unsafe.Add(ref inputs, 2) = c;
        int average = Logistic.Squash((a + b + c) / 3);
        int low = (int)Math.Min(node, 255u);
        int q1 = Refine(_refineByPosition, stuffing ? PositionRows : (kind * 64 + _scan.Position) * 256 + low, average, out _r1, out _w1);
        int q2 = Refine(_refineByNeighbours, stuffing ? NeighbourRows : (kind * 32 + _both) * 256 + low, average, out _r2, out _w2);
        Unsafe.Add(ref inputs, 3) = Logistic.Stretch(q1);
        Unsafe.Add(ref inputs, 4) = Logistic.Stretch(q2);
    }

    public void Update(ref BitContext context, int bit)
    {
        if (!Active) return;   // as in Predict: only EndByte changes it
        for (int i = 0; i < Contexts; i++)
        {
            int state = _states[_slots[i]];
            _states[_slots[i]] = (byte)BitHistory.Update(state, bit);
            _maps.Update(i * 256 + state, bit);
            _direct.Update(_slots[i], bit);
        }
        Train(_byPosition, _rowA, _pA, bit);
        Train(_byLength, _rowB, _pB, bit);
        Train(_byNeighbours, _rowC, _pC, bit);
        ApmRows.Learn(ref _refineByPosition[_r1], _w1, bit, RefineRate);
        ApmRows.Learn(ref _refineByNeighbours[_r2], _w2, bit, RefineRate);
        if (_scan.Stuffing) return;
        _scan.Bit(bit);
        if (_scan.Decoding)
        {
            // The next bit's slots are known now: asking for them here lets their cache misses overlap the rest of
            // the model's work on this bit and the next (the same slots as found in Predict: the same bytes).
            FindSlots((uint)_scan.Node, false);
            _slotsReady = true;
        }
    }

    public void EndByte(ref BitContext context)
    {
        _scan.EndByte(context.LastByte, context.Last8);
        // An FF (the next byte is not data) or a restart marker (a new block) leaves the slots found for nothing.
        if (_scan.Stuffing || _scan.CodeStart || !_scan.Decoding) _slotsReady = false;
    }

    /// <summary>Each context's slot for the bit after code bits <paramref name="node"/> (or byte bits, after an FF), fetched into the cache.</summary>
    private void FindSlots(uint node, bool stuffing)
    {
        if (!stuffing && _scan.CodeStart)
        {
            _scan.CodeStart = false;
            HashContexts();
        }
        for (int i = 0; i < Contexts; i++)
        {
            uint h = ((stuffing ? Salt * 977 + (uint)i : _hashes[i]) ^ (node * 0x9E3779B1u)) * 0x85EBCA6Bu;
            h ^= h >> 15;
            h *= 0xC2B2AE35u;
            int slot = (int)(h >> _shift);
            _slots[i] = slot;
            if (Sse.IsSupported)
            {
                Sse.Prefetch0(Unsafe.AsPointer(ref _states[slot]));
                _direct.Prefetch(slot);
            }
        }
    }

    private readonly int Mix(int[] weights, int row) =>
        MixerStage.ProbabilityOf(MixerStage.Dot(ref MemoryMarshal.GetArrayDataReference(_inputs), ref weights[row], Weights));

    private readonly void Train(int[] weights, int row, int p, int bit) =>
        MixerStage.AdjustAll(ref weights[row], ref MemoryMarshal.GetArrayDataReference(_inputs), Weights, ((bit << 12) - p) * Rate);

    private static int[] NewMixer(int sets)
    {
        var weights = new int[sets * Weights];
        weights.AsSpan().Fill(InitialWeight);
        return weights;
    }

    private static ushort[] NewRefiner(int rows)
    {
        var t = new ushort[rows * ApmRows.Points];
        ApmRows.FillIdentity(t);
        return t;
    }

    /// <summary>The refined probability of <paramref name="p"/> in row <paramref name="row"/>; where it read, for <see cref="ApmRows.Learn"/>.</summary>
    private static int Refine(ushort[] t, int row, int p, out int index, out int weight)
    {
        index = row * ApmRows.Points + ApmRows.PointOf(p, out weight);
        return Math.Clamp(ApmRows.Read(ref t[index], weight), 1, 4095);
    }

    /// <summary>The contexts of the code that starts: what is known about the coefficient it is about.</summary>
    private void HashContexts()
    {
        JpegScan s = _scan;
        int k = s.Position, kind = s.InExtra ? 1 : 0, symbol = s.InExtra ? s.Symbol : 0;
        int natural = JpegScan.Natural[k];
        int above = s.At(s.Above, k), left = s.At(s.Left, k);
        int fromAbove = FromEdge(s, s.Above, natural >> 3, natural & 7, above: true);
        int fromLeft = FromEdge(s, s.Left, natural >> 3, natural & 7, above: false);
        if (k == 0)
        {
            // What is coded is the difference from the last DC: see (and predict) that.
            int d = s.DcPredictor;
            above -= d;
            left -= d;
            fromAbove = s.Above < 0 ? 0 : fromAbove - d;
            fromLeft = s.Left < 0 ? 0 : fromLeft - d;
        }
        int both = s.Above < 0 ? fromLeft : s.Left < 0 ? fromAbove : (fromAbove + fromLeft) / 2;
        int last = k == 0 ? s.LastDcDifference : s.Last(k);
        int sizeAbove = s.Above < 0 ? 15 : Size(above), sizeLeft = s.Left < 0 ? 15 : Size(left);
        int previous = k > 0 ? s.Current(k - 1) : 0, previous2 = k > 1 ? s.Current(k - 2) : 0;
        int up = natural >= 8 ? s.Current(JpegScan.ZigZag[natural - 8]) : 0;
        int before = (natural & 7) > 0 ? s.Current(JpegScan.ZigZag[natural - 1]) : 0;
        int nonZero = Math.Min(s.NonZero, 63);
        int restNear = 0, restLast = 0, soFar = 0;
        for (int z = k; z < 64; z++)
        {
            restNear += Math.Abs(s.At(s.Above, z)) + Math.Abs(s.At(s.Left, z));
            restLast += Math.Abs(s.Last(z));
        }
        for (int z = 1; z < k; z++) soFar += Math.Abs(s.Current(z));

        ulong head = (ulong)(s.Component | k << 2 | kind << 8 | symbol << 9);
        ulong general = (ulong)(s.Component | kind << 2 | symbol << 3);
        ulong byRow = (ulong)(s.Component | kind << 2 | symbol << 3 | (natural >> 3) << 11 | (k == 0 ? 1 : 0) << 14);
        ulong byColumn = (ulong)(s.Component | kind << 2 | symbol << 3 | (natural & 7) << 11 | (k == 0 ? 1 : 0) << 14);
        _hashes[0] = Hash(0, head, 0);
        _hashes[1] = Hash(1, head, (ulong)(SignedSize(last) | Size(previous) << 5));
        _hashes[2] = Hash(2, head, (ulong)(Math.Min(s.LastNonZero, 63) | nonZero << 6));
        _hashes[3] = Hash(3, head, (ulong)(Math.Clamp(fromAbove, -15, 15) + 16 | (Math.Clamp(fromLeft, -15, 15) + 16) << 5));
        _hashes[4] = Hash(4, head, (ulong)(Math.Min(nonZero, 15) | (s.LastSymbols & 255) << 4));
        _hashes[5] = Hash(5, head, (ulong)(Sign(above) | Sign(left) << 2 | Sign(last) << 4));
        _hashes[6] = Hash(6, head, (ulong)(Size(previous) | Size(previous2) << 4));
        _hashes[7] = Hash(7, head, (ulong)(Size(up) | Size(before) << 4));
        _hashes[8] = Hash(8, head, (ulong)((s.NonZeroOf(s.Above) + 3) / 4 | (s.NonZeroOf(s.Left) + 3) / 4 << 5));
        _hashes[9] = Hash(9, head, (ulong)(Math.Clamp(above, -6, 6) + 6 | (Math.Clamp(left, -6, 6) + 6) << 4));
        _hashes[10] = Hash(10, general, (ulong)(Size(previous) | Math.Min(sizeAbove + sizeLeft, 31) << 4 | nonZero << 9));
        _hashes[11] = Hash(11, general, (ulong)s.LastSymbols);
        _hashes[12] = Hash(12, head, (ulong)(SignedSize(fromAbove) | SignedSize(fromLeft) << 5));
        _hashes[13] = Hash(13, head, (ulong)(SignedSize(both) | Size(previous) << 5));
        _hashes[14] = Hash(14, head, (ulong)(Size(restNear) | Size(restLast) << 4));
        _hashes[15] = Hash(15, head, (ulong)(Size(soFar) | SignedSize(both) << 4));
        _hashes[16] = Hash(16, head, (ulong)(Math.Clamp(both, -31, 31) + 32));
        _hashes[17] = Hash(17, head, (ulong)(Math.Clamp(last, -31, 31) + 32 | SignedSize(fromAbove) << 6));
        _hashes[18] = Hash(18, byRow, (ulong)(Math.Clamp(fromAbove, -31, 31) + 32 | Size(previous) << 6));
        _hashes[19] = Hash(19, byColumn, (ulong)(Math.Clamp(fromLeft, -31, 31) + 32 | Size(previous) << 6));
        _hashes[20] = Hash(20, general, (ulong)(Size(fromAbove) | Size(fromLeft) << 4 | Size(last) << 8 | (k >> 2) << 12));
        _neighbours = Math.Min(Size(last), 7) * 8 + Math.Min(Size(both), 7);
        _both = SignedSize(both) & 31;
    }

    /// <summary>Cosines at a block's first row (or column) for frequencies 0..7, times 1024 (frequency 0 also times 1/√2).</summary>
    private static readonly int[] EdgeCosine = [724, 1004, 946, 851, 724, 569, 392, 200];

    /// <summary>
    /// Coefficient (<paramref name="row"/>, <paramref name="column"/>) as a neighbouring block predicts it: the pixels on
    /// either side of the edge between them should be alike. Across the edge with the block above, the current
    /// block's first row should have the same horizontal spectrum as that block's last row, frequency by frequency
    /// (a column of coefficients each); with the block to the left, the first column and a row of coefficients.
    /// Solved for this coefficient with the others of its column (row) known so far, the rest taken as 0,
    /// dequantised; in quantiser steps, 0 without the neighbour.
    /// </summary>
    private static int FromEdge(JpegScan s, int neighbour, int row, int column, bool above)
    {
        if (neighbour < 0) return 0;
        int own = above ? row : column;   // this coefficient's frequency across the edge
        long edge = 0, known = 0;
        for (int f = 0; f < 8; f++)
        {
            int z = JpegScan.ZigZag[above ? f * 8 + column : row * 8 + f];
            long c = (long)EdgeCosine[f] * s.Quantiser(z);
            edge += ((f & 1) == 0 ? c : -c) * s.At(neighbour, z);   // the neighbour's far side: cosines alternate
            if (f != own) known += c * s.Current(z);
        }
        long weight = (long)EdgeCosine[own] * s.Quantiser(JpegScan.ZigZag[row * 8 + column]);
        return weight == 0 ? 0 : (int)Math.Clamp((edge - known) / weight, -2047, 2047);
    }

    /// <summary><see cref="Size"/> with the sign: 0..14 positive, 16.. negative.</summary>
    private static int SignedSize(int v) => v < 0 ? 16 + Size(v) : Size(v);

    private static uint Hash(int context, ulong a, ulong b) => ContextHashing.Of(a, b, Salt + (uint)context);

    /// <summary>The bits of |v| (0 for 0), at most 14.</summary>
    private static int Size(int v) => v == 0 ? 0 : Math.Min(BitOperations.Log2((ulong)Math.Abs((long)v)) + 1, 14);

    private static int Sign(int v) => v > 0 ? 1 : v < 0 ? 2 : 0;
}
