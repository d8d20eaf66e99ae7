using Instances.Grains.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;

namespace Instances.GrainTests;

/// <summary>
/// One in-process cluster of two silos for the whole collection; tests use fresh grain keys and
/// their own zones, so they never see each other's data.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>
    /// Long enough that a test reliably sees the transitional status right after an accept, even on
    /// a loaded two-core CI machine running the other test projects at the same time.
    /// </summary>
    public static readonly TimeSpan PowerDuration = TimeSpan.FromSeconds(1);

    public const int NodesPerZone = 20;

    public TestCluster Cluster { get; } = new TestClusterBuilder(2)
        .AddSiloBuilderConfigurator<SiloConfigurator>()
        .Build();

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>Whether the grain has an activation on any silo now (Orleans' management grain).</summary>
    public async Task<bool> IsActiveAsync(GrainId grain)
    {
        var statistics = await Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return statistics.Any(s => s.GrainId == grain);
    }

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Instances:ReminderPeriod"] = "00:00:01",
                    ["Driver:Simulated:DeployDuration"] = "00:00:00.500",
                    ["Driver:Simulated:PowerDuration"] = PowerDuration.ToString(),
                    ["Driver:Simulated:RebootDuration"] = PowerDuration.ToString(),
                    ["Driver:Simulated:TeardownDuration"] = "00:00:00.100",
                    ["Driver:Simulated:NodesPerZone"] = NodesPerZone.ToString(System.Globalization.CultureInfo.InvariantCulture),
                })
                .Build();
            siloBuilder.Services.AddLogging(l => l.AddConsole().SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Warning).AddFilter("Orleans", Microsoft.Extensions.Logging.LogLevel.Warning));
            siloBuilder
                .AddMemoryGrainStorage(StorageNames.Provider)
                .UseInMemoryReminderService()
                .AddInstancesGrains(configuration);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
