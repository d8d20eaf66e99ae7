using System.Net;
using Instances.Grains.Hosting;
using Instances.Grains.Projection;
using Instances.Storage.Configuration;
using Instances.Storage.Database;
using Instances.Storage.Maintenance;
using Instances.Storage.Migrations;
using Instances.Storage.Projection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Storage;

namespace Instances.Storage.Hosting;

/// <summary>Puts clustering, grain state, reminders and the list projection where <see cref="StorageSettings"/> says.</summary>
public static class StorageSiloBuilderExtensions
{
    /// <summary>
    /// Memory: a localhost cluster with in-memory storage and reminders. Sqlite / PostgreSQL: the
    /// stock Orleans ADO.NET providers for all three, on one data source, migrated at start, and the
    /// projection as a table. Call after <c>AddInstancesGrains</c> (it replaces the projection).
    /// </summary>
    public static ISiloBuilder UseInstancesStorage(this ISiloBuilder silo, StorageSettings settings, SiloEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!settings.IsDurable)
        {
            return silo
                .UseLocalhostClustering(endpoint.SiloPort, endpoint.GatewayPort, serviceId: endpoint.ServiceId, clusterId: endpoint.ClusterId)
                .AddMemoryGrainStorage(StorageNames.Provider)
                .UseInMemoryReminderService();
        }

        var database = StorageDatabase.Create(settings);
        silo.Services.AddSingleton(database);
        silo.Services.AddSingleton<SchemaMigrator>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, MigrateOnStart>();
        silo.Services.Replace(ServiceDescriptor.Singleton<IInstanceIndex, SqlInstanceIndex>());
        silo.Services.AddSingleton<ExpiredKeyPurger>();
        silo.Services.AddHostedService(services => services.GetRequiredService<ExpiredKeyPurger>());

        silo
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (endpoint.ClusterId, endpoint.ServiceId))
            .ConfigureEndpoints(endpoint.AdvertisedAddress, endpoint.SiloPort, endpoint.GatewayPort, listenOnAnyHostAddress: endpoint.ListenOnAnyAddress)
            .UseAdoNetClustering(o => (o.Invariant, o.DataSource) = (database.Invariant, database.DataSource))
            .AddAdoNetGrainStorage(StorageNames.Provider, o => (o.Invariant, o.DataSource) = (database.Invariant, database.DataSource))
            .UseAdoNetReminderService(o => (o.Invariant, o.DataSource) = (database.Invariant, database.DataSource));
        if (database.ProjectsInStateWrites)
        {
            // Registered after the stock provider, so this is what the name resolves to (and what
            // takes part in the silo lifecycle, passing it on to the stock provider inside).
            silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Provider, (services, _) => new ProjectingGrainStorage(
                AdoNetGrainStorageFactory.Create(services, StorageNames.Provider),
                database,
                (SqlInstanceIndex)services.GetRequiredService<IInstanceIndex>(),
                services.GetRequiredService<IOptionsMonitor<AdoNetGrainStorageOptions>>().Get(StorageNames.Provider).GrainStorageSerializer,
                services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId));
        }

        return silo;
    }
}

/// <summary>Where this silo listens and which cluster it joins (<c>Orleans:*</c> configuration).</summary>
public sealed record SiloEndpoint
{
    public int SiloPort { get; init; } = 11111;

    public int GatewayPort { get; init; } = 30000;

    /// <summary>The address other silos reach this one on; loopback for a single machine.</summary>
    public IPAddress AdvertisedAddress { get; init; } = IPAddress.Loopback;

    public bool ListenOnAnyAddress { get; init; }

    public string ClusterId { get; init; } = "instances";

    public string ServiceId { get; init; } = "instances";
}
