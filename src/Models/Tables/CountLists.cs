using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Midicoth.Models.Tables;

/// <summary>
/// Many small sparse (symbol → count) lists in one shared pool, with a running total per list.
/// The reference keeps 256 counters per context although a context usually has one to ten successors; here a
/// list holds only the symbols seen, in blocks of power-of-two size that move (and are recycled) as they grow.
/// The order of symbols in a list is not meaningful: every consumer either sums exact integers or treats
/// symbols independently.
/// </summary>
public sealed class CountLists
{
    private const int SizeClasses = 10; // block sizes 1, 2, 4 ... 256 (a list never holds more than 256 symbols)

    // Offset, length and total of each list side by side: reading a list touches one cache line, not three.
    private Header[] _headers = new Header[256];
    private byte[] _symbols = new byte[1024];
    private int[] _counts = new int[1024];
    private int _poolUsed;
    private readonly int[] _freeBlock = CreateFreeHeads();

    /// <summary>Number of lists created.</summary>
    public int Count { get; private set; }

    /// <summary>Bytes held by the pool and the per-list arrays.</summary>
    public long AllocatedBytes => _symbols.Length * 5L + _headers.Length * 12L;

    private struct Header
    {
        public int Offset;
        public int Length;
        public int Total;
    }

    private static int[] CreateFreeHeads()
    {
        var heads = new int[SizeClasses];
        Array.Fill(heads, -1);
        return heads;
    }

    /// <summary>Adds an empty list and returns its id.</summary>
    public int Add()
    {
        if (Count == _headers.Length)
        {
            Array.Resize(ref _headers, Count * 2);
            TableMemory.Released(Count * 12L);
        }
        _headers[Count] = default;
        return Count++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> Symbols(int list) => new(_symbols, _headers[list].Offset, _headers[list].Length);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<int> Counts(int list) => new(_counts, _headers[list].Offset, _headers[list].Length);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Length(int list) => _headers[list].Length;

    /// <summary>The list's running total; callers add to it as they count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref int Total(int list) => ref _headers[list].Total;

    /// <summary>Asks the CPU to start loading the list's symbols and counts (see <see cref="KeyMap.Prefetch"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void Prefetch(int list)
    {
        if (Sse.IsSupported)
        {
            int offset = _headers[list].Offset;
            Sse.Prefetch0(Unsafe.AsPointer(ref _symbols[offset]));
            Sse.Prefetch0(Unsafe.AsPointer(ref _counts[offset]));
        }
    }

    /// <summary>The count of <paramref name="symbol"/> in the list, or 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int CountOf(int list, byte symbol)
    {
        int offset = _headers[list].Offset;
        int i = new ReadOnlySpan<byte>(_symbols, offset, _headers[list].Length).IndexOf(symbol);
        return i < 0 ? 0 : _counts[offset + i];
    }

    /// <summary>A reference to the counter of <paramref name="symbol"/>, appending it with count 0 when absent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref int Counter(int list, byte symbol)
    {
        int offset = _headers[list].Offset;
        int length = _headers[list].Length;
        int i = new ReadOnlySpan<byte>(_symbols, offset, length).IndexOf(symbol);
        if (i >= 0) return ref _counts[offset + i];
        return ref Append(list, symbol);
    }

    private ref int Append(int list, byte symbol)
    {
        ref Header header = ref _headers[list];
        int length = header.Length;
        int offset = header.Offset;
        if (length == 0 || BitOperations.IsPow2(length))
        {
            int newOffset = Allocate(length == 0 ? 0 : BitOperations.Log2((uint)length) + 1);
            if (length > 0)
            {
                Array.Copy(_symbols, offset, _symbols, newOffset, length);
                Array.Copy(_counts, offset, _counts, newOffset, length);
                Release(offset, BitOperations.Log2((uint)length));
            }
            offset = newOffset;
            header.Offset = offset;
        }
        _symbols[offset + length] = symbol;
        _counts[offset + length] = 0;
        header.Length = length + 1;
        return ref _counts[offset + length];
    }

    private int Allocate(int sizeClass)
    {
        int head = _freeBlock[sizeClass];
        if (head >= 0)
        {
            _freeBlock[sizeClass] = _counts[head];
            return head;
        }
        int size = 1 << sizeClass;
        if (_poolUsed + size > _symbols.Length)
        {
            int oldSize = _symbols.Length;
            int newSize = (int)Math.Min(Math.Max(oldSize * 2L, _poolUsed + size), Array.MaxLength);
            Array.Resize(ref _symbols, newSize);
            Array.Resize(ref _counts, newSize);
            TableMemory.Released(oldSize * 5L);
        }
        int offset = _poolUsed;
        _poolUsed += size;
        return offset;
    }

    private void Release(int offset, int sizeClass)
    {
        _counts[offset] = _freeBlock[sizeClass];
        _freeBlock[sizeClass] = offset;
    }
}
