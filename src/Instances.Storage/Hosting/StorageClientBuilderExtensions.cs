using Instances.Grains.Projection;
using Instances.Storage.Configuration;
using Instances.Storage.Database;
using Instances.Storage.Projection;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace Instances.Storage.Hosting;

/// <summary>The storage side of a gateway-only node: an Orleans client of the silos in the membership table.</summary>
public static class StorageClientBuilderExtensions
{
    /// <summary>
    /// Finds the cluster's gateways in the same ADO.NET membership table the silos write, and reads
    /// lists from the same projection table. Migrations are the silos' job: a gateway only reads.
    /// </summary>
    public static IClientBuilder UseInstancesStorage(this IClientBuilder client, StorageSettings settings, SiloEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!settings.IsDurable)
        {
            throw new StorageConfigurationException(
                $"A gateway-only node finds the silos in the database: {StorageSettings.ModeKey} must be PostgreSQL (or Sqlite on one machine), not Memory.");
        }

        var database = StorageDatabase.Create(settings);
        client.Services.AddSingleton(database);
        client.Services.AddSingleton<IInstanceIndex, SqlInstanceIndex>();
        return client
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (endpoint.ClusterId, endpoint.ServiceId))
            .UseAdoNetClustering(o => (o.Invariant, o.DataSource) = (database.Invariant, database.DataSource));
    }
}
