using Midicoth.Models.Composition;
using Midicoth.Models.Formats;

/// <summary>Bytes each model holds after coding a file, to see where memory goes.</summary>
public static class Memory
{
    public static void Run(string path)
    {
        byte[] data = File.ReadAllBytes(path);
        var p = new Pipeline(Topology.Paper);
        for (int i = 0; i < data.Length; i++)
        {
            p.Step.Predict(data.AsSpan(0, i));
            p.Step.Update(data.AsSpan(0, i), data[i]);
        }
        foreach (var (name, bytes) in p.MemoryByStage()) Console.WriteLine($"{name,-10} {bytes / 1048576.0,8:F2} MiB");
        Console.WriteLine($"GC heap    {GC.GetTotalMemory(true) / 1048576.0,8:F2} MiB");
    }
}
