using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Instances.ClusterTests.Infrastructure;

/// <summary>
/// An Orleans client of the cluster under test (ADO.NET clustering on its database), used only to
/// ask the management grain which silo hosts which instance grain. It observes; it drives nothing.
/// </summary>
public sealed class GrainLocator : IAsyncDisposable
{
    private readonly IHost _host;

    private GrainLocator(IHost host) => _host = host;

    public static async Task<GrainLocator> ConnectAsync(string connectionString)
    {
        var host = new HostBuilder()
            .UseOrleansClient(client => client
                .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("instances", "instances"))
                .UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = ("Npgsql", connectionString)))
            .Build();
        await host.StartAsync();
        return new GrainLocator(host);
    }

    /// <summary>Silo port of the silo hosting each active instance grain, by instance UUID.</summary>
    public async Task<Dictionary<Guid, int>> InstanceHostsAsync()
    {
        var management = _host.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
        var statistics = await management.GetDetailedGrainStatistics();
        return statistics
            .Where(s => s.GrainType.Contains("InstanceGrain", StringComparison.Ordinal))
            .GroupBy(s => s.GrainId.GetGuidKey())
            .ToDictionary(g => g.Key, g => g.First().SiloAddress.Endpoint.Port);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
