using Instances.Abstractions;
using Instances.Grains.Projection;
using Instances.Storage.Configuration;
using Instances.Storage.Database;
using Instances.Storage.Projection;
using Instances.StorageTests.Migrations;

namespace Instances.StorageTests.Projection;

/// <summary>
/// The SQL projection means what the service's pure ordering means: every filter, every sort key
/// both ways, paged by keyset with small pages, gives exactly <see cref="InstanceOrdering.Select"/>'s
/// answer; stale versions never win.
/// </summary>
public sealed class ProjectionTests : IDisposable
{
    private readonly FreshDatabases _databases = new();

    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public void Dispose() => _databases.Dispose();

    private async Task<(StorageDatabase Database, SqlInstanceIndex Index)> IndexAsync(StorageMode mode)
    {
        var database = await _databases.CreateMigratedAsync(mode);
        return (database, new SqlInstanceIndex(database));
    }

    [SkippableTheory]
    [InlineData(StorageMode.Sqlite)]
    [InlineData(StorageMode.PostgreSQL)]
    public async Task StaleVersionsNeverOverwriteNewer(StorageMode mode)
    {
        var (database, index) = await IndexAsync(mode);
        await using var _ = database;
        var v1 = Snapshot(new Random(1), 0) with { Version = 1, Name = "one" };
        var v3 = v1 with { Version = 3, Name = "three", Status = InstanceStatus.Stopped };

        await index.PublishAsync(v3);
        await index.PublishAsync(v1);

        Assert.Equal(v3, await index.FindAsync(v1.Uuid), SnapshotComparer.Instance);
        await index.PublishAsync(v3 with { Version = 4, Name = "four" });
        Assert.Equal("four", (await index.FindAsync(v1.Uuid))!.Name);
    }

    [SkippableTheory]
    [InlineData(StorageMode.Sqlite)]
    [InlineData(StorageMode.PostgreSQL)]
    public async Task ConcurrentPublishesInAnyOrderLeaveTheNewestVersionOfEach(StorageMode mode)
    {
        // On PostgreSQL these go through the batching writer: many share a round trip, each caller waits for its own.
        var (database, index) = await IndexAsync(mode);
        await using var _ = database;
        var random = new Random(7);
        var instances = Enumerable.Range(0, 40).Select(i => Snapshot(random, i)).ToList();
        var versions = instances.SelectMany(s => Enumerable.Range(1, 5).Select(v => s with { Version = v, Name = $"{s.Name}-v{v}" }))
            .OrderBy(_ => random.Next()).ToList();

        await Task.WhenAll(versions.Select(v => Task.Run(() => index.PublishAsync(v))));

        foreach (var instance in instances)
        {
            var found = await index.FindAsync(instance.Uuid);
            Assert.Equal((5L, $"{instance.Name}-v5"), (found!.Version, found.Name));
        }
    }

    [SkippableTheory]
    [InlineData(StorageMode.Sqlite)]
    [InlineData(StorageMode.PostgreSQL)]
    public async Task RemovedInstancesAreGone(StorageMode mode)
    {
        var (database, index) = await IndexAsync(mode);
        await using var _ = database;
        var snapshot = Snapshot(new Random(2), 0);
        await index.PublishAsync(snapshot);

        await index.RemoveAsync(snapshot.Uuid);

        Assert.Null(await index.FindAsync(snapshot.Uuid));
        Assert.Empty((await index.QueryAsync(new InstanceQuery())).Items);
    }

    [SkippableTheory]
    [InlineData(StorageMode.Sqlite)]
    [InlineData(StorageMode.PostgreSQL)]
    public async Task EveryFilterAndSortPagesLikeThePureOrdering(StorageMode mode)
    {
        var (database, index) = await IndexAsync(mode);
        await using var _ = database;
        var random = new Random(42);
        var all = Enumerable.Range(0, 60).Select(i => Snapshot(random, i)).ToList();
        foreach (var snapshot in all)
        {
            await index.PublishAsync(snapshot);
        }

        var filters = new List<InstanceQuery>
        {
            new(),
            new() { ProjectId = "project-a" },
            new() { Status = InstanceStatus.Active },
            new() { PowerState = PowerState.Off },
            new() { Name = "beta" },
            new() { AvailabilityZone = "zone-b" },
            new() { InstanceTypeUuid = all[0].InstanceTypeUuid },
            new() { Locked = true },
            new() { ProjectId = "project-b", Status = InstanceStatus.Stopped, Locked = false },
        };
        foreach (var filter in filters)
        {
            foreach (var key in Enum.GetValues<InstanceSortKey>())
            {
                foreach (var descending in new[] { true, false })
                {
                    var query = filter with { SortKey = key, Descending = descending, Limit = 7 };
                    var ordered = InstanceOrdering.Select(all, query, int.MaxValue);
                    Assert.Equal(ordered.Select(s => s.Uuid).ToList(), await PageThroughAsync(index, query));

                    // The summaries-only read: the same first page, the summary's fields as the snapshots hold them.
                    var summaries = await index.QuerySummariesAsync(query);
                    Assert.Equal(ordered.Take(query.Limit).Select(InstanceSummary.Of).ToList(), summaries.Items);
                    Assert.Equal(ordered.Count > query.Limit, summaries.HasMore);
                }
            }
        }

        Assert.Equal(all.Count(s => s.InstanceTypeUuid == all[0].InstanceTypeUuid), await index.CountByTypeAsync(all[0].InstanceTypeUuid));
        Assert.Equal(all.Count, await index.CountAsync());
    }

    private static async Task<List<Guid>> PageThroughAsync(SqlInstanceIndex index, InstanceQuery query)
    {
        var seen = new List<Guid>();
        var page = await index.QueryAsync(query);
        while (true)
        {
            Assert.True(page.Items.Count <= query.Limit);
            seen.AddRange(page.Items.Select(s => s.Uuid));
            if (!page.HasMore)
            {
                return seen;
            }

            page = await index.QueryAsync(query with { After = page.Items[^1] });
        }
    }

    /// <summary>Few distinct names, times and statuses, so ties on every sort key are common.</summary>
    private static InstanceSnapshot Snapshot(Random random, int i)
    {
        var types = new[] { Guid.Parse("6f1c0000-0000-0000-0000-000000000001"), Guid.Parse("6f1c0000-0000-0000-0000-000000000002") };
        var statuses = new[] { InstanceStatus.Active, InstanceStatus.Stopped, InstanceStatus.Building, InstanceStatus.Error };
        var created = Epoch.AddMinutes(random.Next(5));
        return new InstanceSnapshot
        {
            Uuid = Guid.NewGuid(),
            Name = new[] { "alpha", "beta", "Gamma", "delta-ü" }[random.Next(4)],
            Description = random.Next(2) == 0 ? null : $"about \"{i}\" ü",
            ProjectId = random.Next(2) == 0 ? "project-a" : "project-b",
            UserId = "user",
            Status = statuses[random.Next(statuses.Length)],
            PowerState = random.Next(3) switch { 0 => PowerState.On, 1 => PowerState.Off, _ => null },
            Locked = random.Next(4) == 0,
            AvailabilityZone = random.Next(2) == 0 ? "zone-a" : "zone-b",
            InstanceTypeUuid = types[random.Next(2)],
            ImageUuid = Guid.NewGuid(),
            CreatedAt = created,
            UpdatedAt = random.Next(3) == 0 ? null : created.AddSeconds(random.Next(3)),
            Version = i + 1,
        };
    }

    /// <summary>Snapshots hold immutable collections, which records compare by reference.</summary>
    private sealed class SnapshotComparer : IEqualityComparer<InstanceSnapshot?>
    {
        public static readonly SnapshotComparer Instance = new();

        public bool Equals(InstanceSnapshot? x, InstanceSnapshot? y) =>
            x is not null && y is not null && (x with { NetworkInfo = [], Extra = y.Extra }) == (y with { NetworkInfo = [] })
            && x.NetworkInfo.SequenceEqual(y.NetworkInfo) && x.Extra.SequenceEqual(y.Extra);

        public int GetHashCode(InstanceSnapshot? obj) => obj?.Uuid.GetHashCode() ?? 0;
    }
}
