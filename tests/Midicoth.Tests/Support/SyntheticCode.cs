namespace Midicoth.Tests;

/// <summary>
/// Bytes shaped like x86 code for the x86 filter's tests: short runs of instruction-like bytes between CALLs (E8)
/// and JMPs (E9) whose relative operands point at a few dozen "functions", so that their absolute targets repeat as
/// real code's do. Deterministic for a seed.
/// </summary>
public static class SyntheticCode
{
    public static byte[] Make(int length, int seed)
    {
        var random = new Random(seed);
        int[] functions = Enumerable.Range(0, 40).Select(_ => random.Next(length)).ToArray();
        var code = new byte[length];
        int i = 0;
        while (i + 5 <= length)
        {
            int filler = random.Next(3, 12);
            for (int k = 0; k < filler && i < length; k++) code[i++] = (byte)(0x40 + random.Next(0x40));
            if (i + 5 > length) break;
            code[i] = random.Next(4) == 0 ? (byte)0xE9 : (byte)0xE8;
            int relative = functions[random.Next(functions.Length)] - (i + 5);
            BitConverter.TryWriteBytes(code.AsSpan(i + 1, 4), relative);
            i += 5;
        }
        return code;
    }
}
