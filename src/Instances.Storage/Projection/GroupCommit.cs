using System.Threading.Channels;

namespace Instances.Storage.Projection;

/// <summary>
/// Group commit: writes that arrive while others are being written wait and go together in the next
/// batch, in one round trip and one (implicit) transaction, so one commit. Alone, a write goes at once;
/// under load nothing waits longer than one batch behind it. Up to <c>writers</c> batches are written at
/// a time (each on a connection of its own). Each caller's task ends with its own write's result. A batch
/// that fails was rolled back as a whole and which write failed is not known, so its writes are tried
/// again one by one: a failing write fails only its own caller.
/// </summary>
/// <param name="write">Writes a batch and returns each write's result, in the batch's order.</param>
internal sealed class GroupCommit<TItem, TResult>(Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> write, int writers)
{
    /// <summary>At most this many writes per round trip.</summary>
    public const int MaxBatch = 128;

    private readonly Channel<(TItem Item, TaskCompletionSource<TResult> Done)> _queue =
        Channel.CreateUnbounded<(TItem, TaskCompletionSource<TResult>)>();

    private int _running;

    public Task<TResult> WriteAsync(TItem item)
    {
        var done = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Writer.TryWrite((item, done));
        StartWriterIfBelowLimit();
        return done.Task;
    }

    private void StartWriterIfBelowLimit()
    {
        while (Volatile.Read(ref _running) is var running && running < writers)
        {
            if (Interlocked.CompareExchange(ref _running, running + 1, running) == running)
            {
                _ = Task.Run(WriteAllAsync);
                return;
            }
        }
    }

    private async Task WriteAllAsync()
    {
        while (true)
        {
            var batch = new List<(TItem Item, TaskCompletionSource<TResult> Done)>();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var entry))
            {
                batch.Add(entry);
            }

            if (batch.Count == 0)
            {
                Interlocked.Decrement(ref _running);

                // A write that came after the last read may have seen every writer running and started none: look again.
                if (_queue.Reader.TryPeek(out _))
                {
                    StartWriterIfBelowLimit();
                }

                return;
            }

            await WriteBatchAsync(batch);
        }
    }

    private async Task WriteBatchAsync(List<(TItem Item, TaskCompletionSource<TResult> Done)> batch)
    {
        try
        {
            var results = await write([.. batch.Select(b => b.Item)]);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(results[i]);
            }
        }
        catch (Exception) when (batch.Count > 1)
        {
            foreach (var single in batch)
            {
                await WriteBatchAsync([single]);
            }
        }
        catch (Exception failure)
        {
            batch[0].Done.TrySetException(failure);
        }
    }
}
