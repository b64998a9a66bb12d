namespace Midicoth.Tests;

/// <summary>
/// The memory a stage kind declares in the catalog (from its parameters: what the limit refuses before anything is
/// allocated) is never below what its model allocates: measured, managed arrays and native tables alike, at every
/// corner of its parameters' ranges (each at its least and its most), after coding real data that wakes every
/// table (a JPEG photograph wakes the JPEG model's), with tables at full size (no block length to shrink them).
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

    [Theory]
    [MemberData(nameof(Corners))]
    public void A_stage_allocates_at_most_what_its_catalog_entry_declares(string name, int[] values)
    {
        SharedData.Require();
        StageDescriptor d = StageCatalog.Find(name)!;
        byte[] input = Input.Value;
        const int inputs = StageCatalog.MaxMixerInputs;

        // Once with the defaults first, so that what the library builds once per process (the stretch and squash
        // tables, the bit-history machine) is not counted as this stage's.
        var x = new int[inputs];
        Drive(StageFactory.Create(d.Kind, d.Defaults(), 1 << 16, inputs), input, x);

        long managed = GC.GetAllocatedBytesForCurrentThread(), native = HugePageMemory.AllocatedOnThisThread;
        object model = StageFactory.Create(d.Kind, values, long.MaxValue, inputs);
        Drive(model, input, x);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - managed + HugePageMemory.AllocatedOnThisThread - native;
        GC.KeepAlive(model);

        long declared = d.MemoryOf!(values);
        Assert.True(allocated <= declared, $"{name}:{string.Join("-", values)} allocated {allocated:N0} bytes, declares {declared:N0}");
    }

    /// <summary>Codes <paramref name="input"/> through the stage alone, as its role's step would call it.</summary>
    private static void Drive(object model, byte[] input, int[] x)
    {
        x[^1] = MixerStage.Bias;
        if (model is IBitPredictor predictor)
        {
            BitDriver.Run(ref predictor, input);
            return;
        }
        var context = BitContext.Start;
        foreach (byte c in input)
        {
            for (int k = 7; k >= 0; k--)
            {
                int bit = (c >> k) & 1;
                switch (model)
                {
                    case IBitMixer m:
                        m.Mix(x, context);
                        m.Train(x, bit);
                        context.Advance(bit);
                        break;
                    case IBitRefinement r:
                        r.Refine(2048, context);
                        r.Update(bit);
                        context.Advance(bit);
                        break;
                }
            }
        }
    }
}
