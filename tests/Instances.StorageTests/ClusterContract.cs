using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Instances.StorageTests;

public interface IProbeGrain : IGrainWithStringKey
{
    Task<string> WhereAmI();

    Task StartReminder(TimeSpan period);

    Task StopReminder();

    Task<bool> HasReminder();
}

public sealed class ProbeGrain(ILocalSiloDetails silo) : Grain, IProbeGrain, IRemindable
{
    private const string ReminderName = "probe";

    /// <summary>Ticks per grain key, across activations and cluster restarts (silos are in-process).</summary>
    public static ConcurrentDictionary<string, int> Ticks { get; } = new();

    public Task<string> WhereAmI() => Task.FromResult(silo.SiloAddress.ToString());

    public Task StartReminder(TimeSpan period) => this.RegisterOrUpdateReminder(ReminderName, period, period);

    public async Task StopReminder()
    {
        var reminder = await this.GetReminder(ReminderName);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public async Task<bool> HasReminder() => await this.GetReminder(ReminderName) is not null;

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        Ticks.AddOrUpdate(this.GetPrimaryKeyString(), 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Whole clusters on the ADO.NET providers: silos and the client find each other through the
/// membership table, reminders live in the reminders table.
/// </summary>
[Collection(ClusterCollection.Name)]
public abstract class ClusterContract : IDisposable
{
    private const string InvariantKey = "StorageTests:Invariant";
    private const string ConnectionStringKey = "StorageTests:ConnectionString";

    protected abstract Backend Backend { get; }

    public void Dispose()
    {
        Backend.Dispose();
        GC.SuppressFinalize(this);
    }

    [SkippableFact]
    public async Task A_new_silo_joins_after_one_is_killed_and_the_cluster_keeps_working()
    {
        var connectionString = await Backend.CreateDatabaseAsync();
        var cluster = Build(connectionString, silos: 2, serviceId: "svc-" + Guid.NewGuid().ToString("N")[..8]);
        await cluster.DeployAsync();
        try
        {
            Assert.Equal(2L, await CountSilosAsync(connectionString, SiloStatus.Active));
            Assert.NotEmpty(await cluster.Client.GetGrain<IProbeGrain>("first").WhereAmI());

            var victim = cluster.SecondarySilos[0];
            await cluster.KillSiloAsync(victim);
            var fresh = await cluster.StartAdditionalSiloAsync();

            // The newcomer is Active in the table, the killed silo is eventually declared Dead.
            await Eventually.MatchAsync(() => StatusOfAsync(connectionString, fresh.SiloAddress), s => s == (int)SiloStatus.Active, TimeSpan.FromSeconds(60));
            await Eventually.MatchAsync(() => StatusOfAsync(connectionString, victim.SiloAddress), s => s == (int)SiloStatus.Dead, TimeSpan.FromSeconds(60));

            // And it serves grains: with two live silos, new grains land on it sooner or later.
            var where = await Eventually.MatchAsync(
                async () => await cluster.Client.GetGrain<IProbeGrain>(Guid.NewGuid().ToString("N")).WhereAmI(),
                address => address == fresh.SiloAddress.ToString(),
                TimeSpan.FromSeconds(60));
            Assert.Equal(fresh.SiloAddress.ToString(), where);
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task Reminders_fire_survive_a_cluster_restart_and_unregister()
    {
        var connectionString = await Backend.CreateDatabaseAsync();
        var serviceId = "svc-" + Guid.NewGuid().ToString("N")[..8];
        var key = "reminder-" + Guid.NewGuid().ToString("N");
        var period = TimeSpan.FromSeconds(1);

        var first = Build(connectionString, silos: 1, serviceId);
        await first.DeployAsync();
        try
        {
            await first.Client.GetGrain<IProbeGrain>(key).StartReminder(period);
            await Eventually.MatchAsync(() => Task.FromResult(ProbeGrain.Ticks.GetValueOrDefault(key)), n => n >= 2);
            Assert.Equal(1L, await CountRemindersAsync(connectionString, key));
        }
        finally
        {
            await first.StopAllSilosAsync();
            await first.DisposeAsync();
        }

        // A new cluster of the same service reads the reminder back from the table and fires it
        // without anyone calling the grain.
        var ticksBeforeRestart = ProbeGrain.Ticks.GetValueOrDefault(key);
        var second = Build(connectionString, silos: 1, serviceId);
        await second.DeployAsync();
        try
        {
            await Eventually.MatchAsync(() => Task.FromResult(ProbeGrain.Ticks.GetValueOrDefault(key)), n => n >= ticksBeforeRestart + 2, TimeSpan.FromSeconds(60));

            var grain = second.Client.GetGrain<IProbeGrain>(key);
            Assert.True(await grain.HasReminder());
            await grain.StopReminder();
            Assert.False(await grain.HasReminder());
            Assert.Equal(0L, await CountRemindersAsync(connectionString, key));
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    private TestCluster Build(string connectionString, int silos, string serviceId)
    {
        var builder = new TestClusterBuilder((short)silos);
        builder.Options.ServiceId = serviceId;
        builder.Options.ClusterId = "cluster-" + serviceId;
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ConfigureFileLogging = false;
        builder.Properties[InvariantKey] = Backend.Invariant;
        builder.Properties[ConnectionStringKey] = connectionString;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        return builder.Build();
    }

    private async Task<long> CountSilosAsync(string connectionString, SiloStatus status) =>
        Convert.ToInt64(await Backend.ScalarAsync(connectionString, "SELECT COUNT(*) FROM orleans_membership WHERE status = @status", ("status", (int)status)), System.Globalization.CultureInfo.InvariantCulture);

    private async Task<int?> StatusOfAsync(string connectionString, SiloAddress silo)
    {
        var status = await Backend.ScalarAsync(
            connectionString,
            "SELECT status FROM orleans_membership WHERE address = @address AND port = @port AND generation = @generation",
            ("address", silo.Endpoint.Address.ToString()), ("port", silo.Endpoint.Port), ("generation", silo.Generation));
        return status is null ? null : Convert.ToInt32(status, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<long> CountRemindersAsync(string connectionString, string key) =>
        Convert.ToInt64(await Backend.ScalarAsync(connectionString, "SELECT COUNT(*) FROM orleans_reminder WHERE grain_id LIKE @pattern", ("pattern", "%" + key)), System.Globalization.CultureInfo.InvariantCulture);

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var invariant = siloBuilder.Configuration[InvariantKey]!;
            var connectionString = siloBuilder.Configuration[ConnectionStringKey]!;
            siloBuilder
                .UseAdoNetClustering(o =>
                {
                    o.Invariant = invariant;
                    o.ConnectionString = connectionString;
                })
                .UseAdoNetReminderService(o =>
                {
                    o.Invariant = invariant;
                    o.ConnectionString = connectionString;
                })
                .Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1))
                .Configure<ClusterMembershipOptions>(o =>
                {
                    // Declare a killed silo dead quickly: two silos, one vote is all there is.
                    o.ProbeTimeout = TimeSpan.FromSeconds(1);
                    o.NumMissedProbesLimit = 2;
                    o.NumVotesForDeathDeclaration = 1;
                    o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
                    o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
                });
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.UseAdoNetClustering(o =>
            {
                o.Invariant = configuration[InvariantKey]!;
                o.ConnectionString = configuration[ConnectionStringKey]!;
            });
    }
}

/// <summary>Clusters are heavy on two cores: their tests run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection
{
    public const string Name = "clusters";
}

public sealed class PostgresClusterTests : ClusterContract
{
    protected override Backend Backend { get; } = new PostgresBackend();
}

public sealed class SqliteClusterTests : ClusterContract
{
    protected override Backend Backend { get; } = new SqliteBackend();
}
