using Instances.Grains.Driver;
using Instances.Grains.Events;
using Instances.Grains.Instances;
using Instances.Grains.Ironic;
using Instances.Grains.Observability;
using Instances.Grains.PowerSyncing;
using Instances.Grains.Projection;
using Instances.Grains.Simulated;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Storage;

namespace Instances.Grains.Hosting;

/// <summary>Registers the grains' services on a silo. The host chooses clustering, storage and reminders.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>
    /// Adds options (validated at start), the bare-metal driver, the list projection and the reminder
    /// period. Expects a grain storage named <see cref="StorageNames.Provider"/> and a reminder service.
    /// </summary>
    public static ISiloBuilder AddInstancesGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        var services = silo.Services;
        services.AddInstancesOptions(configuration);
        services.AddOptions<SimulatedDriverOptions>()
            .Bind(configuration.GetSection(SimulatedDriverOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddOptions<EventsOptions>()
            .Bind(configuration.GetSection(EventsOptions.Section))
            .Validate(o => o.Retention > TimeSpan.Zero && o.Capacity > 0 && o.SubscriberExpiry > TimeSpan.Zero && o.ReorderWait > TimeSpan.Zero,
                "Events:Retention, Events:Capacity, Events:SubscriberExpiry and Events:ReorderWait must be positive.")
            .ValidateOnStart();

        // The Orleans default minimum reminder period is one minute; the operation safety net (and a
        // short power sync interval, as tests use) needs less.
        // Orleans keeps a tombstone of every unregistered reminder in the silo's memory until its next read of
        // the reminder table, by default every 5 minutes. Every create and power change registers the operation
        // reminder and removes it about 30 s after, so a bulk create of 250 instances/s held ~77,000 tombstones
        // (~75 MB with their bookkeeping; issue 5, heap count at 100,000). Reading the silo's range once a minute
        // is one small query (only reminders of operations in flight are in the table).
        services.AddOptions<ReminderOptions>()
            .Configure<IOptions<InstancesOptions>>((reminders, instances) =>
            {
                reminders.MinimumReminderPeriod =
                    instances.Value.PowerSyncEnabled && instances.Value.PowerSyncInterval < instances.Value.ReminderPeriod
                        ? instances.Value.PowerSyncInterval
                        : instances.Value.ReminderPeriod;
                reminders.RefreshReminderListPeriod = TimeSpan.FromMinutes(1);
            });

        if (configuration.GetSection(SimulatedDriverOptions.Section).GetValue(nameof(SimulatedDriverOptions.PersistNodes), true))
        {
            // An alias: Orleans finds providers as keyed services, so the simulator shares the service's storage.
            services.AddKeyedSingleton<IGrainStorage>(StorageNames.SimulatorProvider, (provider, _) => provider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Provider));
        }
        else
        {
            silo.AddMemoryGrainStorage(StorageNames.SimulatorProvider);
        }

        services.AddSingleton<IGrainStorageSerializer, JsonGrainStateSerializer>();
        services.AddSingleton(TimeProvider.System);
        services.AddBareMetalDriver(configuration);
        services.AddMetrics();
        services.TryAddSingleton<LocalInstances>();
        services.AddSingleton<EventLogReferences>();
        services.AddSingleton<InstancesMetrics>();
        services.AddSingleton<IInstanceIndex, GrainInstanceIndex>();
        services.AddSingleton<OperationRunner>();
        silo.AddStartupTask<PowerSyncStartup>();
        return silo;
    }

    /// <summary>
    /// The driver <c>Driver:Kind</c> names: the simulated one, or Ironic with its typed HTTP client.
    /// Bad settings fail the start (<see cref="DriverSettings"/> words them; the server checks them earlier still).
    /// </summary>
    private static void AddBareMetalDriver(this IServiceCollection services, IConfiguration configuration)
    {
        var (kind, problem) = DriverSettings.ReadKind(configuration);
        if (problem is not null)
        {
            throw new OptionsValidationException(DriverSettings.KindKey, typeof(DriverKind), [problem]);
        }

        if (kind == DriverKind.Simulated)
        {
            services.AddSingleton<IBareMetalDriver, SimulatedDriver>();
            return;
        }

        services.AddOptions<IronicDriverOptions>()
            .Bind(configuration.GetSection(IronicDriverOptions.Section))
            .Validate(o => o.FindProblem() is null, "Driver:Ironic has a setting that cannot work; see the start-up error.")
            .ValidateOnStart();
        services.AddHttpClient(IronicClient.HttpClientName, (provider, http) =>
        {
            var settings = provider.GetRequiredService<IOptions<IronicDriverOptions>>().Value;
            // A trailing slash keeps a path prefix (Ironic behind a proxy at /baremetal) when "v1/…" is resolved.
            http.BaseAddress = new Uri(settings.Endpoint!.AbsoluteUri.TrimEnd('/') + "/");
            http.Timeout = settings.RequestTimeout;
            http.DefaultRequestHeaders.Add("X-OpenStack-Ironic-API-Version", settings.ApiVersion);
            if (settings.Auth == IronicAuth.Token)
            {
                http.DefaultRequestHeaders.Add("X-Auth-Token", settings.Token);
            }
        });
        services.AddSingleton<IronicClient>();
        services.AddSingleton<IBareMetalDriver, IronicDriver>();
    }

    /// <summary>
    /// <see cref="InstancesOptions"/>, validated at start: what the grains and the HTTP API both read
    /// (a gateway-only node, which hosts no grains, needs it too).
    /// </summary>
    public static IServiceCollection AddInstancesOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InstancesOptions>()
            .Bind(configuration.GetSection(InstancesOptions.Section))
            .PostConfigure(o => o.AvailabilityZones = o.AvailabilityZones.Length > 0 ? o.AvailabilityZones : [InstancesOptions.FallbackZone])
            .Validate(o => o.AvailabilityZones.Distinct(StringComparer.Ordinal).Count() == o.AvailabilityZones.Length, "Instances:AvailabilityZones must not repeat a zone.")
            .Validate(o => o.AvailabilityZones.Contains(o.EffectiveDefaultZone), "Instances:DefaultZone must be one of Instances:AvailabilityZones.")
            .Validate(o => o.ReminderPeriod >= TimeSpan.FromSeconds(1), "Instances:ReminderPeriod must be at least one second.")
            .Validate(o => o.PowerSyncInterval == TimeSpan.Zero || o.PowerSyncInterval >= TimeSpan.FromSeconds(1),
                "Instances:PowerSyncInterval must be zero (off) or at least one second.")
            .ValidateOnStart();
        return services;
    }
}
