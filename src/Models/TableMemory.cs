namespace Midicoth.Models;

/// <summary>
/// Where growing tables report the arrays they replaced. Large arrays live on the large-object heap, which is
/// collected only with generation 2; left alone, every outgrown table would stay resident until then and the
/// peak memory of a run would be nearly twice what the models hold. So once a megabyte or more has been
/// released, a full collection returns it at once. A table grows only O(log n) times, so this costs a few
/// milliseconds per run.
/// </summary>
public static class TableMemory
{
    private const long CollectThreshold = 1 << 20;
    private static long _released;

    /// <summary>Notes that an array of <paramref name="bytes"/> bytes is no longer used.</summary>
    public static void Released(long bytes)
    {
        if (Interlocked.Add(ref _released, bytes) < CollectThreshold) return;
        Interlocked.Exchange(ref _released, 0);
        GC.Collect();
    }
}
