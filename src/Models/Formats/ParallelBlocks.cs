using System.Runtime.ExceptionServices;

namespace Midicoth.Models.Formats;

/// <summary>Runs the work of a batch of blocks, one thread each, and rethrows the first failure as it was thrown.</summary>
internal static class ParallelBlocks
{
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
}
