namespace Midicoth.Models.Formats;

/// <summary>
/// The progress of a batch of blocks coded at once, as one number: the content before the batch plus what each
/// block has coded so far. Each block reports through its own slot; the sum goes to the user's progress, one
/// call at a time.
/// </summary>
internal sealed class BatchProgress(IProgress<long> sink, long before, int blocks)
{
    private readonly long[] _done = new long[blocks];

    /// <summary>The progress of block <paramref name="index"/> of the batch.</summary>
    public IProgress<long> Slot(int index) => new BlockSlot(this, index);

    private void Report(int index, long done)
    {
        lock (_done)
        {
            _done[index] = done;
            sink.Report(before + _done.Sum());
        }
    }

    private sealed class BlockSlot(BatchProgress batch, int index) : IProgress<long>
    {
        public void Report(long value) => batch.Report(index, value);
    }
}
