using System.Runtime.CompilerServices;

namespace Midicoth.Models.BitPrimitives;

/// <summary>
/// The hashed contexts of one stage (up to <see cref="MaxCursors"/>) sharing one <see cref="SlotTable"/>, each
/// followed by its own <see cref="ContextCursor"/> and turned into a probability by its own
/// <see cref="AdaptiveMap"/>: one mixer input each. A stage computes its contexts' hashes at each byte's end
/// (<see cref="EndByte"/>); the bank does the rest, bit by bit.
/// </summary>
public struct CursorBank
{
    public const int MaxCursors = 4;

    [InlineArray(MaxCursors)]
    private struct Cursors { private ContextCursor _element; }

    [InlineArray(MaxCursors)]
    private struct Maps { private AdaptiveMap _element; }

    private readonly SlotTable _table;
    private readonly int _count;
    private Cursors _cursors;
    private Maps _maps;

    /// <param name="count">How many contexts, 1..<see cref="MaxCursors"/>.</param>
    /// <param name="tableBytes">The shared table's size (see <see cref="TableSize"/>).</param>
    /// <param name="salt">Context i starts from the hash of nothing salted by <paramref name="salt"/> + i.</param>
    public CursorBank(int count, long tableBytes, uint salt)
    {
        if (count is < 1 or > MaxCursors) throw new ArgumentOutOfRangeException(nameof(count));
        _count = count;
        _table = new SlotTable(tableBytes);
        for (int i = 0; i < count; i++)
        {
            _cursors[i] = new ContextCursor(ContextHashing.Of(0, 0, salt + (uint)i));
            _maps[i] = AdaptiveMap.OverStates();
        }
    }

    public readonly long AllocatedBytes => _table.AllocatedBytes + _count * _maps[0].AllocatedBytes;

    /// <summary>Writes the inputs of all contexts, from <paramref name="inputs"/> on.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Predict(in BitContext context, ref int inputs)
    {
        for (int i = 0; i < _count; i++) _cursors[i].Predict(_table, context, ref Unsafe.Add(ref inputs, i), _maps[i]);
    }

    /// <summary>Every context learns <paramref name="bit"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Update(int bit, int bitCount)
    {
        for (int i = 0; i < _count; i++) _cursors[i].Update(_table, bit, bitCount, _maps[i]);
    }

    /// <summary>At a byte's end: context <paramref name="index"/> moves to <paramref name="hash"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EndByte(int index, uint hash) => _cursors[index].EndByte(_table, hash);
}
