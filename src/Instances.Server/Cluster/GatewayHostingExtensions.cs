using Instances.Grains.Hosting;
using Instances.Server.Hosting;
using Instances.Server.Observability;
using Instances.Storage.Configuration;
using Instances.Storage.Hosting;
using Orleans.Configuration;

namespace Instances.Server.Cluster;

/// <summary>
/// The gateway-only topology (<c>Instances:Role=Gateway</c>): the same HTTP API, as an Orleans client
/// of the silos listed in the membership table, for operators who scale the HTTP tier apart.
/// </summary>
public static class GatewayHostingExtensions
{
    public static WebApplicationBuilder AddInstancesGateway(this WebApplicationBuilder builder)
    {
        if (DashboardEndpoints.Enabled(builder.Configuration))
        {
            throw new ConfigurationRefusedException("Dashboard:Enabled needs a silo node (the dashboard runs in the silo), and Instances:Role is Gateway.");
        }

        var settings = StorageSettings.From(builder.Configuration);
        if (!settings.IsDurable)
        {
            throw new ConfigurationRefusedException(
                $"Instances:Role=Gateway finds the silos in the database: {StorageSettings.ModeKey} must be PostgreSQL (or Sqlite on one machine), not Memory.");
        }

        builder.Services.AddSingleton(settings);
        builder.Services.AddInstancesOptions(builder.Configuration);
        builder.Services.AddSingleton<GatewayConnection>();
        var endpoint = SiloHostingExtensions.ReadEndpoint(builder.Configuration);
        var refresh = ClusterTimings.GatewayListRefreshPeriod(builder.Configuration);
        var responseTimeout = ClusterTimings.ResponseTimeout(builder.Configuration);
        builder.UseOrleansClient(client =>
        {
            client.UseInstancesStorage(settings, endpoint)
                .AddInstancesTracing(builder.Configuration)
                .Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = refresh)
                .Configure<ClientMessagingOptions>(o => o.ResponseTimeout = responseTimeout);
            client.Services.AddSingleton<IClusterConnectionStatusObserver>(sp => sp.GetRequiredService<GatewayConnection>());
            client.Services.AddSingleton<IClientConnectionRetryFilter>(sp => sp.GetRequiredService<GatewayConnection>());
        });
        return builder;
    }
}
