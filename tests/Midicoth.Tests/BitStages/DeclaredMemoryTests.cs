namespace Midicoth.Tests;

/// <summary>
/// The memory a stage kind declares in the catalog (from its parameters: what the limit refuses before anything is
/// allocated) is never below what its model allocates: measured, managed arrays and native tables alike, at every
/// corner of its parameters' ranges (each at its least and its most), after coding real data that wakes every
/// table (a JPEG photograph wakes the JPEG model's), with tables at full size (no block length to shrink them), by
/// the same audit users run on their own stages (<see cref="StageMemoryAudit"/>).
/// </summary>
public class DeclaredMemoryTests
{
    public static TheoryData<string, int[]> Corners()
    {
        var data = new TheoryData<string, int[]>();
        foreach (StageDescriptor d in StageCatalog.All.Where(d => d.IsBitWise && d.MemoryOf != null))
        {
            IEnumerable<int[]> combos = [[]];
            foreach (StageParameter p in d.Parameters)
            {
                int[] ends = p.Allowed is { } allowed ? [allowed[0], allowed[^1]] : [p.Min, p.Max];
                combos = combos.SelectMany(c => ends.Distinct().Select(v => c.Append(v).ToArray())).ToList();
            }
            foreach (int[] values in combos.Where(v => StageCatalog.CheckParameters(d, v) == null)) data.Add(d.Name, values);
        }
        return data;
    }

    /// <summary>20 KB of text, then a JPEG photograph: read once for every case.</summary>
    private static readonly Lazy<byte[]> Input = new(() =>
    [
        .. File.ReadAllBytes(Path.Combine(SharedData.Root!, "corpus", "alice29.txt")).AsSpan(0, 20_000),
        .. File.ReadAllBytes(Path.Combine(SharedData.Root!, "corpus", "fireworks.jpeg")),
    ]);

    /// <summary>Kinds whose tables shrink for short blocks, at their largest: what a block of 100 KB gets, against the figure the decoder checks for it.</summary>
    public static TheoryData<string, int[]> Shrinking()
    {
        var data = new TheoryData<string, int[]>();
        foreach (StageDescriptor d in StageCatalog.All.Where(d => d.Shrink != null))
        {
            int[] values = d.Defaults();
            values[d.Shrink!.BitsParameter] = d.Parameters[d.Shrink.BitsParameter].Max;
            data.Add(d.Name, values);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Shrinking))]
    public void A_short_block_allocates_at_most_what_the_decoder_counts_for_it(string name, int[] values)
    {
        SharedData.Require();
        StageMemoryReport report = StageMemoryAudit.Measure(StageCatalog.Format([new(StageCatalog.Find(name)!, values)]), Input.Value, blockLength: 100_000);
        Assert.True(report.Holds, report.ToString());
        Assert.True(report.Declared < StageCatalog.Find(name)!.MemoryOf!(values) / 8, $"{report.Declared:N0} bytes declared for a short block: the table did not shrink");
    }

    [Theory]
    [MemberData(nameof(Corners))]
    public void A_stage_allocates_at_most_what_its_catalog_entry_declares(string name, int[] values)
    {
        SharedData.Require();
        // Bit-wise stages always spell out their parameters in text.
        StageMemoryReport report = StageMemoryAudit.Measure(StageCatalog.Format([new(StageCatalog.Find(name)!, values)]), Input.Value);
        Assert.True(report.Holds, report.ToString());
    }
}
