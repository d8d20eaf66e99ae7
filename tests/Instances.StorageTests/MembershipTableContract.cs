using System.Net;

namespace Instances.StorageTests;

/// <summary>The stock AdoNetClusteringTable / AdoNetGatewayListProvider against our schema.</summary>
public abstract class MembershipTableContract : IDisposable
{
    protected abstract Backend Backend { get; }

    public void Dispose()
    {
        Backend.Dispose();
        GC.SuppressFinalize(this);
    }

    [SkippableFact]
    public async Task Rows_change_only_at_the_current_table_version()
    {
        var connectionString = await Backend.CreateDatabaseAsync();
        var table = await Providers.MembershipTableAsync(Backend, connectionString, "cluster-a");
        var empty = await table.ReadAllAsync(CancellationToken.None);
        Assert.Empty(empty.Members);

        var silo = Entry(11111, SiloStatus.Joining);
        Assert.True(await table.InsertRowAsync(silo, empty.Version.Next(), CancellationToken.None));
        // The same (now stale) version cannot be used twice.
        Assert.False(await table.InsertRowAsync(Entry(22222, SiloStatus.Joining), empty.Version.Next(), CancellationToken.None));

        var afterInsert = await table.ReadAllAsync(CancellationToken.None);
        Assert.NotEqual(empty.Version.VersionEtag, afterInsert.Version.VersionEtag);
        var (row, _) = Assert.Single(afterInsert.Members);
        Assert.Equal(silo.SiloAddress, row.SiloAddress);
        Assert.Equal(silo.SiloName, row.SiloName);
        Assert.Equal(silo.HostName, row.HostName);
        Assert.Equal(silo.ProxyPort, row.ProxyPort);
        Assert.Equal(silo.StartTime, row.StartTime);

        // Inserting the same silo again at the current version is refused.
        Assert.False(await table.InsertRowAsync(silo, afterInsert.Version.Next(), CancellationToken.None));

        silo.Status = SiloStatus.Active;
        silo.SuspectTimes = [Tuple.Create(SiloAddress.New(IPAddress.Loopback, 33333, 3), DateTime.UtcNow)];
        // 10.4.2 hands each row the table version as its ETag and binds that ETag as @Version.
        Assert.False(await table.UpdateRowAsync(silo, empty.Version.VersionEtag, empty.Version.Next(), CancellationToken.None));
        var current = await table.ReadAllAsync(CancellationToken.None);
        var rowETag = Assert.Single(current.Members).Item2;
        Assert.Equal(current.Version.VersionEtag, rowETag);
        Assert.True(await table.UpdateRowAsync(silo, rowETag, current.Version.Next(), CancellationToken.None));
        Assert.False(await table.UpdateRowAsync(silo, rowETag, current.Version.Next(), CancellationToken.None));

        var single = await table.ReadRowAsync(silo.SiloAddress, CancellationToken.None);
        var (active, _) = Assert.Single(single.Members);
        Assert.Equal(SiloStatus.Active, active.Status);
        Assert.Single(active.SuspectTimes ?? []);

        // Heartbeats do not move the table version.
        var versionBeforeHeartbeat = single.Version.VersionEtag;
        silo.IAmAliveTime = DateTime.UtcNow.AddSeconds(5);
        await table.UpdateIAmAliveAsync(silo, CancellationToken.None);
        var afterHeartbeat = await table.ReadRowAsync(silo.SiloAddress, CancellationToken.None);
        Assert.Equal(versionBeforeHeartbeat, afterHeartbeat.Version.VersionEtag);
        Assert.Equal(silo.IAmAliveTime, afterHeartbeat.Members[0].Item1.IAmAliveTime, TimeSpan.FromMilliseconds(1));

        // An unknown silo reads as the version alone.
        var unknown = await table.ReadRowAsync(SiloAddress.New(IPAddress.Loopback, 44444, 4), CancellationToken.None);
        Assert.Empty(unknown.Members);
        Assert.Equal(versionBeforeHeartbeat, unknown.Version.VersionEtag);

        // Clients see active gateways only.
        var gateways = await Providers.GatewayListAsync(Backend, connectionString, "cluster-a");
        var uri = Assert.Single(await gateways.GetGatewaysAsync(CancellationToken.None));
        Assert.Equal(silo.ProxyPort, uri.Port);

        // Other clusters in the same table are invisible.
        var other = await Providers.MembershipTableAsync(Backend, connectionString, "cluster-b");
        Assert.Empty((await other.ReadAllAsync(CancellationToken.None)).Members);
    }

    [SkippableFact]
    public async Task Dead_silos_are_cleaned_up_and_a_cluster_can_be_deleted()
    {
        var connectionString = await Backend.CreateDatabaseAsync();
        var table = await Providers.MembershipTableAsync(Backend, connectionString, "cluster-c");
        var dead = Entry(1001, SiloStatus.Dead);
        dead.IAmAliveTime = DateTime.UtcNow.AddHours(-2);
        var alive = Entry(1002, SiloStatus.Active);
        Assert.True(await table.InsertRowAsync(dead, (await table.ReadAllAsync(CancellationToken.None)).Version.Next(), CancellationToken.None));
        Assert.True(await table.InsertRowAsync(alive, (await table.ReadAllAsync(CancellationToken.None)).Version.Next(), CancellationToken.None));

        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddHours(-1), CancellationToken.None);
        var (left, _) = Assert.Single((await table.ReadAllAsync(CancellationToken.None)).Members);
        Assert.Equal(alive.SiloAddress, left.SiloAddress);

        await table.DeleteMembershipTableEntriesAsync("cluster-c", CancellationToken.None);
        Assert.Equal(0L, Convert.ToInt64(await Backend.ScalarAsync(connectionString, "SELECT COUNT(*) FROM orleans_membership"), System.Globalization.CultureInfo.InvariantCulture));
    }

    private static MembershipEntry Entry(int port, SiloStatus status)
    {
        var now = DateTime.UtcNow;
        return new MembershipEntry
        {
            SiloAddress = SiloAddress.New(IPAddress.Loopback, port, port + 7),
            SiloName = "silo-" + port,
            HostName = "host-" + port,
            Status = status,
            ProxyPort = port + 1,
            StartTime = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc),
            IAmAliveTime = now,
        };
    }
}

public sealed class PostgresMembershipTableTests : MembershipTableContract
{
    protected override Backend Backend { get; } = new PostgresBackend();
}

public sealed class SqliteMembershipTableTests : MembershipTableContract
{
    protected override Backend Backend { get; } = new SqliteBackend();
}
