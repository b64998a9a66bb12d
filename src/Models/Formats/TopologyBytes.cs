
namespace Midicoth.Models.Formats;

/// <summary>
/// A topology as the frame (version 3) stores it: the number of stages (1 byte), then for each stage its kind
/// (1 byte, the catalog's <c>StageKind</c>) and its parameter values in catalog order (1 byte each; the catalog's
/// ranges all fit). One to four bytes a stage instead of its text (Max: 73 bytes against 270 characters; text was
/// capped at 255). Read back, the stages are checked by the same rules as any topology, so a damaged or hostile
/// header is refused with the reason. A user stage (a <c>[BitStage]</c> struct of a user's project) is kind 255, then
/// its name (a length byte, 1..64, and the name in ASCII) and the number of its values before them: a build that
/// has not registered the name refuses the file before allocating anything, naming the stage.
/// </summary>
internal static class TopologyBytes
{
    /// <summary>The bytes of <paramref name="topology"/>.</summary>
    public static byte[] Of(Topology topology)
    {
        if (topology.Stages.Count > 255) throw new ArgumentException("a topology of more than 255 stages cannot be framed", nameof(topology));
        var bytes = new List<byte> { (byte)topology.Stages.Count };
        foreach (StageSpec stage in topology.Stages)
        {
            bytes.Add((byte)stage.Kind);
            if (stage.IsUser)
            {
                bytes.Add((byte)stage.Name.Length);
                bytes.AddRange(System.Text.Encoding.ASCII.GetBytes(stage.Name));
                bytes.Add((byte)stage.Values.Count);
            }
            foreach (int value in stage.Values)
            {
                if (value is < 0 or > 255) throw new ArgumentException($"'{stage.Name}' has a parameter of {value}, which a frame cannot hold", nameof(topology));
                bytes.Add((byte)value);
            }
        }
        return bytes.ToArray();
    }

    /// <summary>
    /// Reads a topology with <paramref name="readExactly"/> (which throws when the input ends) and returns it with
    /// the number of bytes it took; throws <see cref="MidicothFormatException"/> for anything but a valid topology.
    /// </summary>
    public static (Topology Topology, int Size) Read(Action<Memory<byte>, string> readExactly)
    {
        var one = new byte[1];
        readExactly(one, "header");
        int count = one[0];
        if (count == 0) throw new MidicothFormatException("corrupt header: a topology of no stages");
        var stages = new List<StageSpec>(count);
        int size = 1;
        for (int i = 0; i < count; i++)
        {
            readExactly(one, "header");
            size++;
            StageDescriptor? descriptor = one[0] == StageCatalog.UserKind ? ReadUserStage(readExactly, ref size, i, count) : StageCatalog.Find(one[0]);
            if (descriptor == null) throw new MidicothFormatException($"corrupt header: unknown stage kind {one[0]} (stage {i + 1} of {count})");
            var values = new byte[descriptor.Parameters.Length];
            if (values.Length > 0) readExactly(values, "header");
            size += values.Length;
            stages.Add(new StageSpec(descriptor, values.Select(v => (int)v).ToArray()));
        }
        // The topology checks every parameter and the stages' order, as for any topology.
        try
        {
            return (new Topology(stages), size);
        }
        catch (ArgumentException e)
        {
            throw new MidicothFormatException("corrupt header: bad topology (" + e.Message + ")");
        }
    }

    /// <summary>A user stage's name and value count (after its kind byte): the registered stage, or the one-line refusal.</summary>
    private static StageDescriptor ReadUserStage(Action<Memory<byte>, string> readExactly, ref int size, int index, int count)
    {
        var one = new byte[1];
        readExactly(one, "header");
        if (one[0] is 0 or > StageCatalog.MaxUserNameLength) throw new MidicothFormatException($"corrupt header: a stage name of {one[0]} bytes (stage {index + 1} of {count})");
        var name = new byte[one[0]];
        readExactly(name, "header");
        readExactly(one, "header");
        size += 2 + name.Length;
        string text = System.Text.Encoding.Latin1.GetString(name);
        StageDescriptor? descriptor = StageRegistry.Find(text);
        if (descriptor == null)
        {
            throw new MidicothFormatException($"this file needs the stage {UntrustedText.Quote(text)}, which this build does not have: decode it with the program that declares the stage");
        }
        if (one[0] != descriptor.Parameters.Length)
        {
            throw new MidicothFormatException($"corrupt header: stage {UntrustedText.Quote(text)} has {descriptor.Parameters.Length} parameter(s), not {one[0]} (stage {index + 1} of {count})");
        }
        return descriptor;
    }
}
