namespace Midicoth.Models.Tables;

/// <summary>
/// Where growing tables report the arrays they replaced. Large arrays live on the large-object heap, which is
/// collected only with generation 2; left alone, an outgrown table stays resident until then, and the peak
/// memory of a run is up to twice what the models hold.
/// <para>An application that cares about peak memory more than about the GC's own pacing can opt in, as the
/// command-line tools do, with the run-time switch <c>Midicoth.CollectOutgrownTables</c> (in the project:
/// <c>&lt;RuntimeHostConfigurationOption Include="Midicoth.CollectOutgrownTables" Value="true" /&gt;</c>): then,
/// once a megabyte or more has been released, a full collection returns it at once. A table grows only
/// O(log n) times, so this costs a few milliseconds per run. A library must not force collections on the
/// process that hosts it, so the default is off.</para>
/// </summary>
public static class TableMemory
{
    /// <summary>The run-time switch that turns collection of outgrown tables on.</summary>
    public const string CollectSwitch = "Midicoth.CollectOutgrownTables";

    private const long CollectThreshold = 1 << 20;
    private static readonly bool Collect = AppContext.TryGetSwitch(CollectSwitch, out bool on) && on;
    private static long _released;

    /// <summary>Notes that an array of <paramref name="bytes"/> bytes is no longer used.</summary>
    public static void Released(long bytes)
    {
        if (!Collect || Interlocked.Add(ref _released, bytes) < CollectThreshold) return;
        Interlocked.Exchange(ref _released, 0);
        GC.Collect();
    }
}
