using Midicoth;
using Midicoth.Models.Composition;
using Midicoth.Models.Formats;
using SharpFuzz;

// Feeds arbitrary bytes to both decoders. Only MidicothFormatException may escape them: any other exception,
// a hang or a crash is a finding. A cheap topology keeps executions fast; .mdg inputs name their own topology.
Fuzzer.LibFuzzer.Run(input =>
{
    byte[] bytes = input.ToArray();
    try
    {
        if (MdgFrame.HasMagic(bytes)) MdgFrame.Decompress(bytes);
        else if (Mdc7Container.HasMagic(bytes) && bytes.Length < 4096) Mdc7Container.Decompress(bytes);
    }
    catch (MidicothFormatException)
    {
    }
});
