using System.Threading.Channels;
using Instances.Abstractions;

namespace Instances.Storage.Projection;

/// <summary>
/// Group commit for projection upserts: publishes that arrive while a batch is being written wait and go
/// together in the next one, in one round trip and one commit. Alone, a publish is written at once, so
/// nothing waits longer than one batch behind it. Each caller's task ends when its own snapshot is durable
/// (read-your-writes holds), and fails with its batch.
/// </summary>
internal sealed class PublishBatcher(Func<IReadOnlyList<InstanceSnapshot>, Task> write)
{
    /// <summary>At most this many upserts per round trip.</summary>
    public const int MaxBatch = 128;

    private readonly Channel<(InstanceSnapshot Snapshot, TaskCompletionSource Done)> _queue =
        Channel.CreateUnbounded<(InstanceSnapshot, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });

    private int _writing;

    public Task PublishAsync(InstanceSnapshot snapshot)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Writer.TryWrite((snapshot, done));
        StartWriterIfIdle();
        return done.Task;
    }

    private void StartWriterIfIdle()
    {
        if (Interlocked.CompareExchange(ref _writing, 1, 0) == 0)
        {
            _ = Task.Run(WriteAllAsync);
        }
    }

    private async Task WriteAllAsync()
    {
        while (true)
        {
            var batch = new List<(InstanceSnapshot Snapshot, TaskCompletionSource Done)>();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            if (batch.Count == 0)
            {
                Volatile.Write(ref _writing, 0);

                // A publish that came after the last read saw a writer running and started none: look again.
                if (_queue.Reader.TryPeek(out _))
                {
                    StartWriterIfIdle();
                }

                return;
            }

            try
            {
                // One order for every node's batches, so two batches never lock the same rows in opposite orders.
                await write([.. batch.Select(b => b.Snapshot).OrderBy(s => s.Uuid).ThenBy(s => s.Version)]);
                batch.ForEach(b => b.Done.TrySetResult());
            }
            catch (Exception failure)
            {
                batch.ForEach(b => b.Done.TrySetException(failure));
            }
        }
    }
}
