using static Midicoth.Models.Deflate.DeflateTables;

namespace Midicoth.Models.Deflate;

/// <summary>
/// One of a block's three Huffman trees (literal/length, distance, code length) as zlib builds it: the same heap,
/// the same tie-breaking by subtree depth, the same repair of over-long codes. Reproducing a stream bit for bit
/// needs the very code lengths zlib chose, not merely optimal ones.
/// </summary>
internal sealed class HuffmanTree(int elements, int maxLength, int[] extraBits, int extraBase, int[]? fixedLengths)
{
    public readonly int Elements = elements;
    public readonly int MaxLength = maxLength;
    private readonly int[] _extraBits = extraBits;
    private readonly int _extraBase = extraBase;
    private readonly int[]? _fixedLengths = fixedLengths;

    /// <summary>Per node (leaves first, then internal nodes): frequency, parent, code length, code.</summary>
    public readonly int[] Freq = new int[2 * elements + 1];
    public readonly int[] Dad = new int[2 * elements + 1];
    public readonly int[] Len = new int[2 * elements + 2];
    public readonly int[] Code = new int[2 * elements + 1];

    /// <summary>The largest code with a non-zero frequency.</summary>
    public int MaxCode;

    public void Clear() => Array.Clear(Freq);

    /// <summary>Builds the tree from <see cref="Freq"/> (zlib's build_tree), adding its cost to the builder's totals.</summary>
    public void Build(TreeBuilder b)
    {
        int[] heap = b.Heap;
        int[] depth = b.Depth;
        b.HeapLength = 0;
        b.HeapMax = TreeBuilder.HeapSize;
        int maxCode = -1;
        for (int n = 0; n < Elements; n++)
        {
            if (Freq[n] != 0)
            {
                heap[++b.HeapLength] = maxCode = n;
                depth[n] = 0;
            }
            else Len[n] = 0;
        }
        // At least two codes of non-zero frequency, so that every tree has a bit to send.
        while (b.HeapLength < 2)
        {
            int node = heap[++b.HeapLength] = maxCode < 2 ? ++maxCode : 0;
            Freq[node] = 1;
            depth[node] = 0;
            b.OptimalBits--;
            if (_fixedLengths != null) b.FixedBits -= _fixedLengths[node];
        }
        MaxCode = maxCode;
        for (int n = b.HeapLength / 2; n >= 1; n--) DownHeap(b, n);
        int next = Elements;
        do
        {
            int n = heap[1];
            heap[1] = heap[b.HeapLength--];
            DownHeap(b, 1);
            int m = heap[1];
            heap[--b.HeapMax] = n;
            heap[--b.HeapMax] = m;
            Freq[next] = Freq[n] + Freq[m];
            depth[next] = Math.Max(depth[n], depth[m]) + 1;
            Dad[n] = Dad[m] = next;
            heap[1] = next++;
            DownHeap(b, 1);
        }
        while (b.HeapLength >= 2);
        heap[--b.HeapMax] = heap[1];
        GenerateLengths(b);
        // The lengths of the leaves (up to MaxCode) are what the counts per length say: the canonical codes follow.
        CanonicalCodes(Len.AsSpan(0, MaxCode + 1), Code);
    }

    private bool Smaller(int n, int m, int[] depth) => Freq[n] < Freq[m] || Freq[n] == Freq[m] && depth[n] <= depth[m];

    private void DownHeap(TreeBuilder b, int k)
    {
        int[] heap = b.Heap;
        int v = heap[k];
        int j = k << 1;
        while (j <= b.HeapLength)
        {
            if (j < b.HeapLength && Smaller(heap[j + 1], heap[j], b.Depth)) j++;
            if (Smaller(v, heap[j], b.Depth)) break;
            heap[k] = heap[j];
            k = j;
            j <<= 1;
        }
        heap[k] = v;
    }

    /// <summary>zlib's gen_bitlen: lengths from the tree, over-long ones moved up as zlib does, costs counted.</summary>
    private void GenerateLengths(TreeBuilder b)
    {
        int[] heap = b.Heap;
        int[] count = b.LengthCount;
        Array.Clear(count);
        // Len doubles as the parent's depth: a node's length is its parent's plus one (parents come first in the heap).
        Len[heap[b.HeapMax]] = 0;
        int overflow = 0;
        int h;
        for (h = b.HeapMax + 1; h < TreeBuilder.HeapSize; h++)
        {
            int n = heap[h];
            int bits = Len[Dad[n]] + 1;
            if (bits > MaxLength)
            {
                bits = MaxLength;
                overflow++;
            }
            Len[n] = bits;
            if (n > MaxCode) continue;
            count[bits]++;
            int extra = n >= _extraBase ? _extraBits[n - _extraBase] : 0;
            long f = Freq[n];
            b.OptimalBits += f * (bits + extra);
            if (_fixedLengths != null) b.FixedBits += f * (_fixedLengths[n] + extra);
        }
        if (overflow == 0) return;
        do
        {
            int bits = MaxLength - 1;
            while (count[bits] == 0) bits--;
            count[bits]--;
            count[bits + 1] += 2;
            count[MaxLength]--;
            overflow -= 2;
        }
        while (overflow > 0);
        for (int bits = MaxLength; bits != 0; bits--)
        {
            int n = count[bits];
            while (n != 0)
            {
                int m = heap[--h];
                if (m > MaxCode) continue;
                if (Len[m] != bits)
                {
                    b.OptimalBits += ((long)bits - Len[m]) * Freq[m];
                    Len[m] = bits;
                }
                n--;
            }
        }
    }
}

/// <summary>What building a block's trees shares: the heap, the depths, the count of codes per length, the costs.</summary>
internal sealed class TreeBuilder
{
    public const int HeapSize = 2 * LiteralCodes + 1;
    public readonly int[] Heap = new int[HeapSize];
    public readonly int[] Depth = new int[HeapSize];
    public readonly int[] LengthCount = new int[MaxBits + 1];
    public int HeapLength, HeapMax;

    /// <summary>The block's cost in bits with its own trees (without the trees' own description until that is added), and with the fixed trees.</summary>
    public long OptimalBits, FixedBits;
}
