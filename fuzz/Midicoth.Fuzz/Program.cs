using Midicoth.Fuzz;
using SharpFuzz;

// The fuzzing host: `Midicoth.Fuzz TARGET` under AFL++ (fuzz/run.sh), or `Midicoth.Fuzz TARGET FILE...` to replay
// inputs. Targets are in FuzzTargets.cs; `Midicoth.Fuzz --make-seeds DIR CORPUS` writes the seeds (Seeds.cs).
if (args.Length == 3 && args[0] == "--make-seeds")
{
    Seeds.Make(args[1], args[2]);
    return 0;
}
if (args.Length == 0 || !FuzzTargets.All.TryGetValue(args[0], out Action<byte[]>? target))
{
    Console.Error.WriteLine("usage: Midicoth.Fuzz TARGET [FILE...]   targets: " + string.Join(", ", FuzzTargets.All.Keys));
    return 1;
}
if (args.Length > 1)
{
    foreach (string file in args.Skip(1))
    {
        target(File.ReadAllBytes(file));
        Console.WriteLine("ok " + file);
    }
    return 0;
}
Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    target(buffer.ToArray());
});
return 0;
