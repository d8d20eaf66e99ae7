using System.Text.Json;
using Instances.Abstractions;
using Instances.Grains.Hosting;
using Instances.Grains.Instances;
using Instances.Storage.Configuration;
using Instances.Storage.Database;
using Instances.Storage.Projection;
using Instances.StorageTests.Migrations;
using Orleans.Storage;

namespace Instances.StorageTests.Projection;

/// <summary>
/// PostgreSQL mode writes an instance's state and its projection row in one statement: the row
/// is what the state holds, a write that loses the version race changes neither, and the state
/// row stays the stock provider's (each reads what the other wrote).
/// </summary>
public sealed class ProjectingGrainStorageTests : IDisposable
{
    private const string ServiceId = "projecting-storage-tests";

    private readonly FreshDatabases _databases = new();

    public void Dispose() => _databases.Dispose();

    [SkippableFact]
    public async Task AWriteRecordsTheSnapshotTheStateHoldsAndTheStockProviderReadsItBack()
    {
        var (storage, stock, index, database, id) = await StartAsync();
        await using var _ = database;
        var state = new GrainState<InstanceState>(State(Snapshot(id, version: 1, InstanceStatus.Building)));

        await storage.WriteStateAsync(StorageNames.Instance, GrainOf(id), state);
        state.State!.Instance = Snapshot(id, version: 2, InstanceStatus.PoweringOff);
        await storage.WriteStateAsync(StorageNames.Instance, GrainOf(id), state);

        Assert.Equal(Json(state.State.Instance), Json(await index.FindAsync(id)));
        Assert.Single((await index.QueryAsync(new InstanceQuery { ProjectId = "p", Status = InstanceStatus.PoweringOff, Limit = 10 })).Items);
        var read = new GrainState<InstanceState>();
        await stock.ReadStateAsync(StorageNames.Instance, GrainOf(id), read);
        Assert.Equal(state.ETag, read.ETag);
        Assert.Equal(Json(state.State), Json(read.State));
    }

    [SkippableFact]
    public async Task AWriteWithAStaleVersionChangesNeitherTheStateNorTheProjection()
    {
        var (storage, stock, index, database, id) = await StartAsync();
        await using var _ = database;
        var first = new GrainState<InstanceState>(State(Snapshot(id, version: 1, InstanceStatus.Active)));
        await storage.WriteStateAsync(StorageNames.Instance, GrainOf(id), first);
        var stale = new GrainState<InstanceState>(State(Snapshot(id, version: 2, InstanceStatus.Stopped))) { ETag = first.ETag };
        await storage.WriteStateAsync(StorageNames.Instance, GrainOf(id), first); // another activation moves the version on

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StorageNames.Instance, GrainOf(id), stale));
        var fresh = new GrainState<InstanceState>(State(Snapshot(id, version: 2, InstanceStatus.Stopped)));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StorageNames.Instance, GrainOf(id), fresh)); // no ETag: a second "first" write

        Assert.Equal(InstanceStatus.Active, (await index.FindAsync(id))!.Status);
        var read = new GrainState<InstanceState>();
        await stock.ReadStateAsync(StorageNames.Instance, GrainOf(id), read);
        Assert.Equal((first.ETag, InstanceStatus.Active), (read.ETag, read.State!.Instance!.Status));
    }

    [SkippableFact]
    public async Task AStateTheStockProviderWroteIsUpdatedInPlace()
    {
        var (storage, stock, index, database, id) = await StartAsync();
        await using var _ = database;
        var state = new GrainState<InstanceState>(State(Snapshot(id, version: 1, InstanceStatus.Active)));
        await stock.WriteStateAsync(StorageNames.Instance, GrainOf(id), state); // an older build's row, no projection row

        state.State!.Instance = Snapshot(id, version: 2, InstanceStatus.Rebooting);
        await storage.WriteStateAsync(StorageNames.Instance, GrainOf(id), state);

        Assert.Equal(InstanceStatus.Rebooting, (await index.FindAsync(id))!.Status);
        var read = new GrainState<InstanceState>();
        await stock.ReadStateAsync(StorageNames.Instance, GrainOf(id), read);
        Assert.Equal((state.ETag, 2L), (read.ETag, read.State!.Instance!.Version));
    }

    [SkippableFact]
    public async Task TheHistoryIsKeptInRowsOfItsOwnAndReadBackInOrder()
    {
        var (storage, _, _, database, id) = await StartAsync();
        await using var _ = database;
        var operation = Guid.NewGuid();
        var state = new GrainState<InstanceState>(State(Snapshot(id, version: 1, InstanceStatus.Active)));
        state.State!.Actions = ActionHistory.Add(ActionHistory.Add([], Entry("create")), ActionHistory.Started("reboot", Caller, At, operation));
        await storage.WriteStateAsync(StorageNames.Instance, GrainOf(id), state);
        state.State.Instance = Snapshot(id, version: 2, InstanceStatus.Active);
        state.State.Actions = ActionHistory.Finish(state.State.Actions, operation, false, "BMC \"timeout\" ü", At.AddSeconds(3));
        await storage.WriteStateAsync(StorageNames.Instance, GrainOf(id), state);

        Assert.Equal("[]", await ScalarAsync<string>(database, "SELECT CAST(payload -> 'actions' AS text) FROM orleans_grain_state WHERE payload -> 'instance' ->> 'uuid' = @id", id));
        Assert.Equal(2L, await ScalarAsync<long>(database, "SELECT count(*) FROM instance_actions WHERE instance_uuid = @id", id));
        var read = await ReadFreshAsync(database, id); // another activation, as after a restart
        Assert.Equal(Json(state.State.Actions), Json(read.State!.Actions));
        Assert.Equal((ActionResult.Error, "reboot"), (read.State.Actions[0].Result, read.State.Actions[0].Action));
    }

    [SkippableFact]
    public async Task AWriteSendsOnlyTheEntriesThatChanged()
    {
        var (storage, _, _, database, id) = await StartAsync();
        await using var _ = database;
        var state = await CreatedAsync(storage, id);
        await ScalarAsync<int>(database, "UPDATE instance_actions SET record = jsonb_set(record, '{message}', '\"marked\"') WHERE instance_uuid = @id RETURNING 1", id);

        state.State!.Actions = ActionHistory.Add(state.State.Actions, Entry("lock"));
        await storage.WriteStateAsync(StorageNames.Instance, GrainOf(id), state);

        var read = await ReadFreshAsync(database, id);
        Assert.Equal(["lock", "create"], read.State!.Actions.Select(a => a.Action));
        Assert.Equal([null, "marked"], read.State.Actions.Select(a => a.Message)); // the unchanged entry was not written again
    }

    [SkippableFact]
    public async Task EntriesThatFallOffTheEndAreDeleted()
    {
        var (storage, _, _, database, id) = await StartAsync();
        await using var _ = database;
        var state = new GrainState<InstanceState>(State(Snapshot(id, version: 1, InstanceStatus.Active)));
        for (var i = 0; i < ActionHistory.MaxEntries + 3; i++)
        {
            state.State!.Actions = ActionHistory.Add(state.State.Actions, Entry($"a{i}"));
            await storage.WriteStateAsync(StorageNames.Instance, GrainOf(id), state);
        }

        const string Range = "SELECT CAST(count(*) AS text) || ' ' || CAST(min(sequence) AS text) || ' ' || CAST(max(sequence) AS text) FROM instance_actions WHERE instance_uuid = @id";
        Assert.Equal($"{ActionHistory.MaxEntries} 4 {ActionHistory.MaxEntries + 3}", await ScalarAsync<string>(database, Range, id));

        // An activation that does not know what was written (a fresh read) still leaves no older row behind.
        await ScalarAsync<int>(database, "INSERT INTO instance_actions VALUES (@id, 2, '{}') RETURNING 1", id);
        var read = await ReadFreshAsync(database, id);
        read.State!.Actions = ActionHistory.Add(read.State.Actions, Entry("last"));
        await Storage(database).WriteStateAsync(StorageNames.Instance, GrainOf(id), read);
        Assert.Equal($"{ActionHistory.MaxEntries} 5 {ActionHistory.MaxEntries + 4}", await ScalarAsync<string>(database, Range, id));
    }

    [SkippableFact]
    public async Task AHistoryWrittenInsideTheStateIsReadNumberedAndMovedToRowsByTheNextWrite()
    {
        var (_, stock, _, database, id) = await StartAsync();
        await using var _ = database;
        var older = new GrainState<InstanceState>(State(Snapshot(id, version: 1, InstanceStatus.Active)));
        older.State!.Actions = [Entry("power off") with { Sequence = 0 }, Entry("create") with { Sequence = 0 }]; // before entries were numbered
        await stock.WriteStateAsync(StorageNames.Instance, GrainOf(id), older);

        var read = await ReadFreshAsync(database, id);
        Assert.Equal([("power off", 2L), ("create", 1L)], read.State!.Actions.Select(a => (a.Action, a.Sequence)));

        read.State.Instance = Snapshot(id, version: 2, InstanceStatus.Active);
        await Storage(database).WriteStateAsync(StorageNames.Instance, GrainOf(id), read);
        Assert.Equal(2L, await ScalarAsync<long>(database, "SELECT count(*) FROM instance_actions WHERE instance_uuid = @id", id));
        Assert.Equal(Json(read.State.Actions), Json((await ReadFreshAsync(database, id)).State!.Actions));
    }

    [SkippableFact]
    public async Task AStaleWriteAddsNoEntryAndAClearRemovesThemAll()
    {
        var (storage, _, _, database, id) = await StartAsync();
        await using var _ = database;
        var first = await CreatedAsync(storage, id);
        var stale = new GrainState<InstanceState>(State(Snapshot(id, version: 2, InstanceStatus.Active))) { ETag = "0" };
        stale.State!.Actions = ActionHistory.Add(first.State!.Actions, Entry("lock"));

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StorageNames.Instance, GrainOf(id), stale));
        Assert.Equal(1L, await ScalarAsync<long>(database, "SELECT count(*) FROM instance_actions WHERE instance_uuid = @id", id));

        await storage.ClearStateAsync(StorageNames.Instance, GrainOf(id), first);
        Assert.Equal(0L, await ScalarAsync<long>(database, "SELECT count(*) FROM instance_actions WHERE instance_uuid = @id", id));
    }

    [SkippableFact]
    public async Task ConcurrentWritesGoInSharedCommitsYetEachLandsOrFailsOnItsOwn()
    {
        var (storage, _, index, database, _) = await StartAsync();
        await using var _ = database;
        var instances = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid())
            .Select(id => (Id: id, State: new GrainState<InstanceState>(State(Snapshot(id, version: 1, InstanceStatus.Building))))).ToList();
        await Task.WhenAll(instances.Select(i => storage.WriteStateAsync(StorageNames.Instance, GrainOf(i.Id), i.State)));
        var (staleId, _) = instances[7];
        var stale = new GrainState<InstanceState>(State(Snapshot(staleId, version: 3, InstanceStatus.Error))) { ETag = "5" };
        foreach (var (id, state) in instances)
        {
            state.State!.Instance = Snapshot(id, version: 2, InstanceStatus.Active);
            state.State.Actions = ActionHistory.Add([], Entry("create"));
        }

        var second = instances.Select(i => storage.WriteStateAsync(StorageNames.Instance, GrainOf(i.Id), i.State)).ToList();
        var refused = storage.WriteStateAsync(StorageNames.Instance, GrainOf(staleId), stale);
        await Task.WhenAll(second);

        await Assert.ThrowsAsync<InconsistentStateException>(() => refused);
        Assert.All(instances, i => Assert.Equal("2", i.State.ETag));
        foreach (var (id, _) in instances)
        {
            Assert.Equal(InstanceStatus.Active, (await index.FindAsync(id))!.Status);
            Assert.Equal("create", Assert.Single((await ReadFreshAsync(database, id)).State!.Actions).Action);
        }
    }

    [SkippableFact]
    public async Task WritesKeepUsingTheStatementPreparedByAWriteOfANewInstance()
    {
        // One connection, so every write meets the statement Npgsql prepared on it at its fifth use; the fifth
        // write here is a new building instance's (no version yet, no power state): nulls.
        var migrated = await _databases.CreateMigratedAsync(StorageMode.PostgreSQL);
        await migrated.DisposeAsync();
        await using var database = StorageDatabase.Create(
            migrated.Settings with { ConnectionString = migrated.Settings.ConnectionString + ";Maximum Pool Size=1" });
        var storage = Storage(database);
        for (var i = 0; i < 4; i++)
        {
            await CreatedAsync(storage, Guid.NewGuid());
        }

        var id = Guid.NewGuid();
        var state = new GrainState<InstanceState>(State(Snapshot(id, version: 1, InstanceStatus.Building)));
        await storage.WriteStateAsync(StorageNames.Instance, GrainOf(id), state);
        for (var version = 2; version <= 7; version++)
        {
            state.State!.Instance = Snapshot(id, version, InstanceStatus.Active);
            await storage.WriteStateAsync(StorageNames.Instance, GrainOf(id), state);
        }

        // Executions of the prepared write on that connection: the one that prepared it and the six after it.
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT generic_plans + custom_plans FROM pg_prepared_statements WHERE statement LIKE 'WITH doc%'";
        Assert.Equal(7L, Assert.IsType<long>(await command.ExecuteScalarAsync()));
    }

    private static readonly DateTimeOffset At = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);

    private static readonly Caller Caller = new("p", "u", false, "req-1");

    private static InstanceActionRecord Entry(string action) => ActionHistory.Instant(action, Caller, At);

    /// <summary>An active instance written once, with its create entry.</summary>
    private static async Task<GrainState<InstanceState>> CreatedAsync(IGrainStorage storage, Guid id)
    {
        var state = new GrainState<InstanceState>(State(Snapshot(id, version: 1, InstanceStatus.Active)));
        state.State!.Actions = ActionHistory.Add([], Entry("create"));
        await storage.WriteStateAsync(StorageNames.Instance, GrainOf(id), state);
        return state;
    }

    /// <summary>A new storage over the same database: nothing remembered of what this test's storage wrote.</summary>
    private static ProjectingGrainStorage Storage(StorageDatabase database) =>
        new ProjectingGrainStorage(
            Providers.GrainStorageAsync(new PostgresBackend(), database.Settings.ConnectionString, ServiceId).GetAwaiter().GetResult(),
            database, new SqlInstanceIndex(database), new JsonGrainStateSerializer(), ServiceId);

    private static async Task<GrainState<InstanceState>> ReadFreshAsync(StorageDatabase database, Guid id)
    {
        var read = new GrainState<InstanceState>();
        await Storage(database).ReadStateAsync(StorageNames.Instance, GrainOf(id), read);
        return read;
    }

    private static async Task<T> ScalarAsync<T>(StorageDatabase database, string sql, Guid id)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        command.AddParameter("@id", sql.Contains("->> 'uuid'", StringComparison.Ordinal) ? id.ToString() : id);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task<(IGrainStorage Storage, IGrainStorage Stock, SqlInstanceIndex Index, StorageDatabase Database, Guid Id)> StartAsync()
    {
        var database = await _databases.CreateMigratedAsync(StorageMode.PostgreSQL);
        var stock = await Providers.GrainStorageAsync(new PostgresBackend(), database.Settings.ConnectionString, ServiceId);
        var index = new SqlInstanceIndex(database);
        var storage = new ProjectingGrainStorage(stock, database, index, new JsonGrainStateSerializer(), ServiceId);
        return (storage, stock, index, database, Guid.NewGuid());
    }

    private static GrainId GrainOf(Guid id) => GrainId.Create(GrainType.Create("instance"), GrainIdKeyExtensions.CreateGuidKey(id));

    private static InstanceState State(InstanceSnapshot snapshot) => new() { Instance = snapshot };

    private static InstanceSnapshot Snapshot(Guid id, long version, InstanceStatus status) => new()
    {
        Uuid = id,
        Name = $"name-{version}",
        ProjectId = "p",
        UserId = "u",
        Status = status,
        PowerState = status == InstanceStatus.Building ? null : PowerState.On,
        AvailabilityZone = "zone-a",
        InstanceTypeUuid = Guid.Parse("6f1c0000-0000-0000-0000-000000000001"),
        ImageUuid = Guid.Parse("6f1c0000-0000-0000-0000-000000000002"),
        CreatedAt = new DateTimeOffset(2026, 11, 27, 5, 0, 0, TimeSpan.Zero).AddTicks(1234567),
        UpdatedAt = version == 1 ? null : new DateTimeOffset(2026, 11, 27, 5, 0, 1, TimeSpan.Zero),
        Version = version,
    };

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, JsonGrainStateSerializer.Options);
}
