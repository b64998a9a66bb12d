using System.Runtime.CompilerServices;

namespace Midicoth.Models.Tables;

/// <summary>
/// Context key → sparse symbol counts, with the reference's capacity rule: once <see cref="MaxContexts"/>
/// contexts exist, new ones are silently not created (existing ones keep counting). The reference gets the
/// limit from its table growth (60% of its largest table); only the number of distinct keys matters.
/// </summary>
public sealed class ContextTable
{
    private readonly KeyMap _index;
    private readonly CountLists _lists = new();

    public ContextTable(int maxContexts, int initialCapacity = 1024)
    {
        MaxContexts = maxContexts;
        _index = new KeyMap(initialCapacity);
    }

    public int MaxContexts { get; }

    public int Count => _lists.Count;

    public CountLists Lists => _lists;

    public long AllocatedBytes => _index.AllocatedBytes + _lists.AllocatedBytes;

    /// <summary>Starts loading the slot of <paramref name="key"/> (see <see cref="KeyMap.Prefetch"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(ulong key) => _index.Prefetch(key);

    /// <summary>The context id for <paramref name="key"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(ulong key) => _index.TryGetValue(key, out int id) ? id : -1;

    /// <summary>
    /// <see cref="Find"/>, and if the context exists, starts loading its count list: callers find every order's
    /// context first, so that those loads overlap before the lists are read.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int FindAndPrefetchList(ulong key)
    {
        int id = Find(key);
        if (id >= 0) _lists.Prefetch(id);
        return id;
    }

    /// <summary>The context id for <paramref name="key"/>, created if the capacity rule allows; -1 if refused.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int FindOrAdd(ulong key)
    {
        if (_index.TryGetValue(key, out int id)) return id;
        if (_lists.Count >= MaxContexts) return -1;
        id = _lists.Add();
        _index.Set(key, id);
        return id;
    }
}
