using Instances.Grains.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Messaging;
using Orleans.Runtime.Membership;
using Orleans.Runtime.MembershipService;
using Orleans.Serialization.Activators;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Instances.StorageTests;

/// <summary>The stock Orleans ADO.NET providers, built directly (no silo) and started.</summary>
public static class Providers
{
    public const string StorageName = "store";

    public static async Task<AdoNetGrainStorage> GrainStorageAsync(Backend backend, string connectionString, string serviceId, bool deleteStateOnClear = false)
    {
        var options = new AdoNetGrainStorageOptions
        {
            Invariant = backend.Invariant,
            ConnectionString = connectionString,
            GrainStorageSerializer = new JsonGrainStateSerializer(),
            DeleteStateOnClear = deleteStateOnClear,
        };
        var storage = new AdoNetGrainStorage(
            new PlainActivatorProvider(),
            NullLogger<AdoNetGrainStorage>.Instance,
            Options.Create(options),
            Options.Create(new ClusterOptions { ServiceId = serviceId, ClusterId = "storage-tests" }),
            StorageName);

        // Initialisation (reading the query catalogue) runs as a silo lifecycle participant.
        var lifecycle = new StartOnlyLifecycle();
        storage.Participate(lifecycle);
        await lifecycle.StartAsync();
        return storage;
    }

    /// <summary>AdoNetReminderTable is internal; it is created from its assembly like the silo's DI would.</summary>
    public static async Task<IReminderTable> ReminderTableAsync(Backend backend, string connectionString, string serviceId)
    {
        var type = typeof(AdoNetReminderTableOptions).Assembly.GetType("Orleans.Runtime.ReminderService.AdoNetReminderTable", throwOnError: true)!;
        var table = (IReminderTable)Activator.CreateInstance(
            type,
            Options.Create(new ClusterOptions { ServiceId = serviceId, ClusterId = "reminder-tests" }),
            Options.Create(new AdoNetReminderTableOptions { Invariant = backend.Invariant, ConnectionString = connectionString }))!;
        await table.StartAsync(CancellationToken.None);
        return table;
    }

    public static async Task<IMembershipTable> MembershipTableAsync(Backend backend, string connectionString, string clusterId)
    {
        var table = new AdoNetClusteringTable(
            EmptyServiceProvider.Instance,
            Options.Create(new ClusterOptions { ServiceId = "membership-tests", ClusterId = clusterId }),
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = backend.Invariant, ConnectionString = connectionString }),
            NullLogger<AdoNetClusteringTable>.Instance);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true, CancellationToken.None);
        return table;
    }

    public static async Task<IGatewayListProvider> GatewayListAsync(Backend backend, string connectionString, string clusterId)
    {
        var provider = new AdoNetGatewayListProvider(
            NullLogger<AdoNetGatewayListProvider>.Instance,
            EmptyServiceProvider.Instance,
            Options.Create(new AdoNetClusteringClientOptions { Invariant = backend.Invariant, ConnectionString = connectionString }),
            Options.Create(new GatewayOptions()),
            Options.Create(new ClusterOptions { ServiceId = "membership-tests", ClusterId = clusterId }));
        await provider.InitializeGatewayListProviderAsync(CancellationToken.None);
        return provider;
    }

    private sealed class PlainActivatorProvider : IActivatorProvider
    {
        public IActivator<T> GetActivator<T>() => new PlainActivator<T>();

        private sealed class PlainActivator<T> : IActivator<T>
        {
            public T Create() => Activator.CreateInstance<T>();
        }
    }

    private sealed class EmptyServiceProvider : IServiceProvider
    {
        public static readonly EmptyServiceProvider Instance = new();

        public object? GetService(Type serviceType) => null;
    }

    private sealed class StartOnlyLifecycle : ISiloLifecycle
    {
        private readonly List<(int Stage, ILifecycleObserver Observer)> observers = [];

        public int HighestCompletedStage { get; private set; }

        public int LowestStoppedStage => int.MaxValue;

        public IDisposable Subscribe(string observerName, int stage, ILifecycleObserver observer)
        {
            observers.Add((stage, observer));
            return new Unsubscriber();
        }

        public async Task StartAsync()
        {
            foreach (var (stage, observer) in observers.OrderBy(o => o.Stage))
            {
                await observer.OnStart(CancellationToken.None);
                HighestCompletedStage = stage;
            }
        }

        private sealed class Unsubscriber : IDisposable
        {
            public void Dispose()
            {
            }
        }
    }
}
