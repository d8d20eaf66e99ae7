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
