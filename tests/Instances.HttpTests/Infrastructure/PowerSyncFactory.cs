namespace Instances.HttpTests.Infrastructure;

/// <summary>
/// A host whose instances re-read their power state every second, with reboots long enough (3 s)
/// for several syncs to fall inside one.
/// </summary>
public sealed class PowerSyncFactory : ApiFactory
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Instances:PowerSyncInterval"] = "00:00:01",
        ["Driver:Simulated:RebootDuration"] = "00:00:03",
    };
}

/// <summary>
/// The host with a one-second power sync; its tests read exact counter values and wait on the sync's
/// timing, so they run alone. A clean-clone CI run once saw this host's "power on" correction counter
/// not rise within 20 s although the history had recorded the correction. The server then enabled our
/// meter by name across the process (OpenTelemetry's AddMeter), so a series could be shared with
/// another host's meter and dropped when that host stopped; the meter is now scoped to its host.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PowerSyncCollection : ICollectionFixture<PowerSyncFactory>
{
    public const string Name = "power-sync";
}
