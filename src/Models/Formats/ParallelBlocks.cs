using System.Runtime.ExceptionServices;

namespace Midicoth.Models.Formats;

/// <summary>Runs the work of a batch of blocks, one thread each, for the block engine and the random-access reader.</summary>
internal static class ParallelBlocks
{
    /// <summary>Runs <paramref name="work"/> for 0..<paramref name="count"/>−1 at once; rethrows the first failure as it was thrown.</summary>
    public static void Run(int count, Action<int> work)
    {
        if (count == 1)
        {
            work(0);
            return;
        }
        try
        {
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = count }, work);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // A corrupt block should read as the MidicothFormatException it is, not as "one or more errors".
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }

    /// <summary>
    /// Decodes blocks 0..<paramref name="count"/>−1 at once and returns them in order up to the first that failed
    /// (<see cref="Decoded.Good"/> of them), with that failure: the blocks before a damaged one are still good
    /// output, and nothing after it is.
    /// </summary>
    public static Decoded Decode(int count, Func<int, byte[]> decode)
    {
        var contents = new byte[count][];
        var failures = new Exception?[count];
        if (count > 0)
        {
            Run(count, i =>
            {
                try { contents[i] = decode(i); }
                catch (Exception e) { failures[i] = e; }
            });
        }
        int good = Array.FindIndex(failures, f => f != null);
        return good < 0
            ? new Decoded(contents, count, null)
            : new Decoded(contents, good, ExceptionDispatchInfo.Capture(failures[good]!));
    }

    /// <summary>A decoded batch: <see cref="Contents"/>[0..<see cref="Good"/>) are good; then <see cref="Failure"/>, if any.</summary>
    public readonly record struct Decoded(byte[][] Contents, int Good, ExceptionDispatchInfo? Failure);
}
