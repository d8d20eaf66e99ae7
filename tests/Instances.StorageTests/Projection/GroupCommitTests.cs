using Instances.Storage.Projection;

namespace Instances.StorageTests.Projection;

/// <summary>Group commit without a database: who waits, who goes together, and what a failure takes down.</summary>
public sealed class GroupCommitTests
{
    /// <summary>A batch writer whose batches each wait for a gate, answering every item times ten.</summary>
    private sealed class GatedWriter
    {
        private readonly Lock _lock = new();
        private readonly List<TaskCompletionSource> _gates = [];
        private int _running;

        public List<int[]> Batches { get; } = [];

        public int MostAtOnce { get; private set; }

        public Func<int, bool> Fails { get; init; } = _ => false;

        public async Task<IReadOnlyList<int>> WriteAsync(IReadOnlyList<int> items)
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_lock)
            {
                Batches.Add([.. items]);
                _gates.Add(gate);
                MostAtOnce = Math.Max(MostAtOnce, ++_running);
            }

            await gate.Task;
            lock (_lock)
            {
                _running--;
            }

            return items.Any(Fails) ? throw new InvalidOperationException("the batch failed") : [.. items.Select(i => i * 10)];
        }

        public int Started
        {
            get
            {
                lock (_lock)
                {
                    return _gates.Count;
                }
            }
        }

        /// <summary>Lets batch <paramref name="index"/> (in start order) finish, once it has started.</summary>
        public async Task ReleaseAsync(int index)
        {
            await Eventually.MatchAsync(() => Task.FromResult(Started), started => started > index, TimeSpan.FromSeconds(10));
            lock (_lock)
            {
                _gates[index].TrySetResult();
            }
        }
    }

    [Fact]
    public async Task WritesThatArriveDuringABatchGoTogetherInTheNextAndEachGetsItsOwnResult()
    {
        var writer = new GatedWriter();
        var commit = new GroupCommit<int, int>(writer.WriteAsync, writers: 1);

        var first = commit.WriteAsync(1);
        await Eventually.MatchAsync(() => Task.FromResult(writer.Started), started => started == 1, TimeSpan.FromSeconds(10));
        var later = Enumerable.Range(2, 5).Select(commit.WriteAsync).ToList();
        await writer.ReleaseAsync(0);
        await writer.ReleaseAsync(1);

        var results = await Task.WhenAll(later).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(10, await first);
        Assert.Equal([20, 30, 40, 50, 60], results);
        Assert.Equal([[1], [2, 3, 4, 5, 6]], writer.Batches);
    }

    [Fact]
    public async Task NoMoreThanTheWritersLimitOfBatchesAreWrittenAtOnce()
    {
        var writer = new GatedWriter();
        var commit = new GroupCommit<int, int>(writer.WriteAsync, writers: 2);

        var writes = new List<Task<int>> { commit.WriteAsync(1) };
        await Eventually.MatchAsync(() => Task.FromResult(writer.Started), started => started == 1, TimeSpan.FromSeconds(10));
        writes.Add(commit.WriteAsync(2)); // a second writer starts for it
        await Eventually.MatchAsync(() => Task.FromResult(writer.Started), started => started == 2, TimeSpan.FromSeconds(10));
        writes.Add(commit.WriteAsync(3));
        writes.Add(commit.WriteAsync(4));

        // The first writer, once free, takes both waiting writes. The second is released only after
        // that batch has started (ReleaseAsync(2) waits for it): released together, both writers would
        // race for them, and a batch each ([3] and [4]) would leave a gate nobody opens.
        await writer.ReleaseAsync(0);
        await writer.ReleaseAsync(2);
        await writer.ReleaseAsync(1);

        var results = await Task.WhenAll(writes).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal([10, 20, 30, 40], results);
        Assert.Equal(2, writer.MostAtOnce);
        Assert.Equal([[1], [2], [3, 4]], writer.Batches.OrderBy(b => b[0]));
    }

    [Fact]
    public async Task AFailedBatchIsRetriedOneByOneSoOnlyTheFailingWriteFails()
    {
        var writer = new GatedWriter { Fails = item => item == 3 };
        var commit = new GroupCommit<int, int>(writer.WriteAsync, writers: 1);

        var first = commit.WriteAsync(1);
        await Eventually.MatchAsync(() => Task.FromResult(writer.Started), started => started == 1, TimeSpan.FromSeconds(10));
        var (two, three, four) = (commit.WriteAsync(2), commit.WriteAsync(3), commit.WriteAsync(4));
        for (var i = 0; i < 5; i++)
        {
            await writer.ReleaseAsync(i);
        }

        await Task.WhenAll(first, two, four).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal((10, 20, 40), (await first, await two, await four));
        Assert.Equal("the batch failed", (await Assert.ThrowsAsync<InvalidOperationException>(() => three)).Message);
        Assert.Equal([[1], [2, 3, 4], [2], [3], [4]], writer.Batches);
    }
}
