namespace Midicoth.Models.Composition;

/// <summary>
/// Measures what a bit-wise stage allocates against what it declares: the figure decoders trust before they allocate
/// anything (a catalog entry's, or a user stage's <c>Memory</c>), which must never be below the truth. Run it in
/// your tests at each parameter's limits, over data that wakes every table:
/// <code>Assert.True(StageMemoryAudit.Measure("acme.csv-field:24", sample).Holds);</code>
/// Managed arrays and native tables are counted (what the stage's constructor and its coding of the sample allocate
/// on this thread), with tables at full size (no block length to shrink them).
/// </summary>
public static class StageMemoryAudit
{
    /// <summary>
    /// Measures stage <paramref name="stageText"/> (topology text of one bit-wise stage, built in or registered, e.g.
    /// <c>ctx:2-22</c>) driven alone over <paramref name="sample"/>, as its role's step would drive it; made for a block
    /// of <paramref name="blockLength"/> bytes (the default: tables at full size), and judged by what the catalog
    /// declares for such a block.
    /// </summary>
    public static StageMemoryReport Measure(string stageText, ReadOnlySpan<byte> sample, long blockLength = long.MaxValue)
    {
        StageSpec stage = Topology.ParseStage(stageText);
        if (stage.Descriptor.MemoryOf == null) throw new ArgumentException($"'{stage.Name}' declares no memory figure (its tables grow with the input)", nameof(stageText));
        const int inputs = StageCatalog.MaxMixerInputs;
        var x = new int[inputs];

        // Once with the defaults first, so that what the library builds once per process (the stretch and squash
        // tables, the bit-history machine) is not counted as this stage's.
        Drive(Create(new StageSpec(stage.Descriptor, []), 1 << 16, inputs), sample, x);

        long managed = GC.GetAllocatedBytesForCurrentThread(), native = HugePageMemory.AllocatedOnThisThread;
        object model = Create(stage, blockLength, inputs);
        Drive(model, sample, x);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - managed + HugePageMemory.AllocatedOnThisThread - native;
        GC.KeepAlive(model);
        return new StageMemoryReport(stage.ToString(), stage.Descriptor.MemoryFor(stage.ValueArray, blockLength)!.Value, allocated);
    }

    private static object Create(StageSpec stage, long inputLength, int inputs) =>
        stage.IsUser ? StageRegistry.Create(stage, inputLength) : StageFactory.Create((int)stage.Kind, stage.ValueArray, inputLength, inputs);

    /// <summary>Codes <paramref name="input"/> through the stage alone: predict or mix or refine, learn, end of byte.</summary>
    private static void Drive(object model, ReadOnlySpan<byte> input, int[] x)
    {
        x[^1] = IBitMixer.Bias;
        var context = BitContext.Start;
        foreach (byte c in input)
        {
            for (int k = 7; k >= 0; k--)
            {
                int bit = (c >> k) & 1;
                switch (model)
                {
                    case IBitPredictor p:
                        p.Predict(ref context, ref x[0]);
                        p.Update(ref context, bit);
                        if (context.Advance(bit)) p.EndByte(ref context);
                        break;
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

/// <summary>What <see cref="StageMemoryAudit.Measure"/> found: the stage (as text), its declared figure and what it allocated, in bytes.</summary>
public sealed record StageMemoryReport(string Stage, long Declared, long Allocated)
{
    /// <summary>Whether the declared figure covers what the stage allocated.</summary>
    public bool Holds => Allocated <= Declared;

    public override string ToString() => $"{Stage} allocated {Allocated:N0} bytes, declares {Declared:N0}";
}
