using System.Text.Json;
using Orleans.Storage;

namespace Instances.StorageTests;

/// <summary>State stored by the tests, serialized by the app's JsonGrainStateSerializer.</summary>
public sealed record CounterState
{
    public int Count { get; init; }

    public string Label { get; init; } = "";
}

/// <summary>
/// ETag semantics of the stock AdoNetGrainStorage against our schema: a write or clear that
/// lost a race must surface as InconsistentStateException, never be accepted silently.
/// </summary>
public abstract class GrainStorageContract : IDisposable
{
    private const string StateName = "counter";

    protected abstract Backend Backend { get; }

    public void Dispose()
    {
        Backend.Dispose();
        GC.SuppressFinalize(this);
    }

    [SkippableFact]
    public async Task Read_after_write_round_trips_state_and_etag()
    {
        var (storage, _) = await StartAsync();
        var grain = NewGrain();

        var empty = new GrainState<CounterState>();
        await storage.ReadStateAsync(StateName, grain, empty);
        Assert.False(empty.RecordExists);
        Assert.Null(empty.ETag);

        var written = new GrainState<CounterState>(new CounterState { Count = 7, Label = "seven" });
        await storage.WriteStateAsync(StateName, grain, written);
        Assert.NotNull(written.ETag);

        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync(StateName, grain, read);
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal(new CounterState { Count = 7, Label = "seven" }, read.State);

        read.State = read.State! with { Count = 8 };
        await storage.WriteStateAsync(StateName, grain, read);
        Assert.NotEqual(written.ETag, read.ETag);

        var again = new GrainState<CounterState>();
        await storage.ReadStateAsync(StateName, grain, again);
        Assert.Equal(8, again.State!.Count);
        Assert.Equal(read.ETag, again.ETag);
    }

    [SkippableFact]
    public async Task Guid_keys_with_and_without_extension_are_different_rows()
    {
        var (storage, _) = await StartAsync();
        var key = Guid.NewGuid();
        var plain = GrainId.Create(GrainType.Create("storage-test"), GrainIdKeyExtensions.CreateGuidKey(key));
        var extended = GrainId.Create(GrainType.Create("storage-test"), GrainIdKeyExtensions.CreateGuidKey(key, "ext"));

        await storage.WriteStateAsync(StateName, plain, new GrainState<CounterState>(new CounterState { Count = 1 }));
        await storage.WriteStateAsync(StateName, extended, new GrainState<CounterState>(new CounterState { Count = 2 }));

        var readPlain = new GrainState<CounterState>();
        var readExtended = new GrainState<CounterState>();
        await storage.ReadStateAsync(StateName, plain, readPlain);
        await storage.ReadStateAsync(StateName, extended, readExtended);
        Assert.Equal(1, readPlain.State!.Count);
        Assert.Equal(2, readExtended.State!.Count);
    }

    [SkippableFact]
    public async Task Write_with_a_stale_etag_fails()
    {
        var (storage, _) = await StartAsync();
        var grain = NewGrain();
        var first = new GrainState<CounterState>(new CounterState { Count = 1 });
        await storage.WriteStateAsync(StateName, grain, first);
        var staleETag = first.ETag;

        // Another activation moves the row on.
        var other = new GrainState<CounterState>();
        await storage.ReadStateAsync(StateName, grain, other);
        other.State = other.State! with { Count = 2 };
        await storage.WriteStateAsync(StateName, grain, other);

        var stale = new GrainState<CounterState>(new CounterState { Count = 99 }) { ETag = staleETag, RecordExists = true };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grain, stale));

        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync(StateName, grain, read);
        Assert.Equal(2, read.State!.Count);
    }

    [SkippableFact]
    public async Task Blind_first_write_over_an_existing_row_fails()
    {
        var (storage, _) = await StartAsync();
        var grain = NewGrain();
        await storage.WriteStateAsync(StateName, grain, new GrainState<CounterState>(new CounterState { Count = 1 }));

        var blind = new GrainState<CounterState>(new CounterState { Count = 99 });
        Assert.Null(blind.ETag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grain, blind));

        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync(StateName, grain, read);
        Assert.Equal(1, read.State!.Count);
    }

    [SkippableFact]
    public async Task Write_with_an_etag_but_no_row_fails()
    {
        var (storage, _) = await StartAsync();
        var ghost = new GrainState<CounterState>(new CounterState { Count = 1 }) { ETag = "3", RecordExists = true };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, NewGrain(), ghost));
    }

    [SkippableFact]
    public async Task Clear_with_a_stale_etag_fails_and_a_current_clear_keeps_the_version_moving()
    {
        var (storage, _) = await StartAsync();
        var grain = NewGrain();
        var first = new GrainState<CounterState>(new CounterState { Count = 1 });
        await storage.WriteStateAsync(StateName, grain, first);
        var staleETag = first.ETag;
        first.State = first.State! with { Count = 2 };
        await storage.WriteStateAsync(StateName, grain, first);

        var stale = new GrainState<CounterState>(new CounterState { Count = 1 }) { ETag = staleETag, RecordExists = true };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, grain, stale));

        await storage.ClearStateAsync(StateName, grain, first);
        Assert.False(first.RecordExists);
        Assert.NotNull(first.ETag);

        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync(StateName, grain, read);
        Assert.False(read.RecordExists);
        Assert.Equal(first.ETag, read.ETag);
        Assert.Equal(0, read.State!.Count);

        // A blind write still loses against the cleared row; the holder of the ETag wins.
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync(StateName, grain, new GrainState<CounterState>(new CounterState { Count = 5 })));
        read.State = new CounterState { Count = 3 };
        await storage.WriteStateAsync(StateName, grain, read);
        Assert.True(read.RecordExists);
    }

    [SkippableFact]
    public async Task Clear_with_delete_state_on_clear_removes_the_row()
    {
        var (storage, connectionString) = await StartAsync(deleteStateOnClear: true);
        var grain = NewGrain();
        var first = new GrainState<CounterState>(new CounterState { Count = 1 });
        await storage.WriteStateAsync(StateName, grain, first);
        var staleETag = first.ETag;
        await storage.WriteStateAsync(StateName, grain, first);

        var stale = new GrainState<CounterState>() { ETag = staleETag, RecordExists = true };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, grain, stale));

        await storage.ClearStateAsync(StateName, grain, first);
        Assert.Null(first.ETag);
        Assert.Equal(0L, Convert.ToInt64(await Backend.ScalarAsync(connectionString, "SELECT COUNT(*) FROM orleans_grain_state"), System.Globalization.CultureInfo.InvariantCulture));

        // After a delete the next write is a first write again.
        await storage.WriteStateAsync(StateName, grain, first);
        Assert.NotNull(first.ETag);
    }

    [SkippableFact]
    public async Task Twenty_concurrent_first_writes_have_exactly_one_winner()
    {
        var (storage, _) = await StartAsync();
        var grain = NewGrain();
        using var start = new ManualResetEventSlim();
        var writers = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            start.Wait();
            try
            {
                await storage.WriteStateAsync(StateName, grain, new GrainState<CounterState>(new CounterState { Count = i }));
                return (Won: true, Error: (Exception?)null);
            }
            catch (Exception e)
            {
                return (Won: false, Error: e);
            }
        })).ToArray();
        start.Set();
        var results = await Task.WhenAll(writers);

        Assert.Single(results, r => r.Won);
        Assert.All(results.Where(r => !r.Won), r => Assert.IsType<InconsistentStateException>(r.Error));
        Assert.Equal(19, results.Count(r => r.Error is InconsistentStateException));
    }

    [SkippableFact]
    public async Task Stored_payload_is_readable_json()
    {
        var (storage, connectionString) = await StartAsync();
        var grain = NewGrain();
        await storage.WriteStateAsync(StateName, grain, new GrainState<CounterState>(new CounterState { Count = 42, Label = "answer" }));

        var text = (string?)await Backend.ScalarAsync(connectionString, PayloadAsTextSql);
        Assert.NotNull(text);
        Assert.Contains("\"label\"", text, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(text);
        Assert.Equal(42, document.RootElement.GetProperty("count").GetInt32());
        Assert.Equal("answer", document.RootElement.GetProperty("label").GetString());
    }

    /// <summary>The payload column as the database itself presents it as text.</summary>
    protected abstract string PayloadAsTextSql { get; }

    private async Task<(AdoNetGrainStorage Storage, string ConnectionString)> StartAsync(bool deleteStateOnClear = false)
    {
        var connectionString = await Backend.CreateDatabaseAsync();
        var storage = await Providers.GrainStorageAsync(Backend, connectionString, "svc-" + Guid.NewGuid().ToString("N")[..8], deleteStateOnClear);
        return (storage, connectionString);
    }

    private static GrainId NewGrain() => GrainId.Create("storage-test", Guid.NewGuid().ToString("N"));
}

public sealed class PostgresGrainStorageTests : GrainStorageContract
{
    protected override Backend Backend { get; } = new PostgresBackend();

    // Only payload::text shows the jsonb column is JSON, not bytes.
    protected override string PayloadAsTextSql => "SELECT payload::text FROM orleans_grain_state WHERE jsonb_typeof(payload) = 'object'";
}

public sealed class SqliteGrainStorageTests : GrainStorageContract
{
    protected override Backend Backend { get; } = new SqliteBackend();

    protected override string PayloadAsTextSql => "SELECT payload FROM orleans_grain_state WHERE typeof(payload) = 'text'";
}
