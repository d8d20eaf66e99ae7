namespace Instances.Grains.PowerSyncing;

/// <summary>
/// The periodic power sync of the whole fleet (issue 8), one grain per cluster (key 0), as Ironic's
/// conductor and Nova's compute manager each run one periodic task over their nodes rather than
/// one timer per node.
/// </summary>
public interface IPowerSyncGrain : IGrainWithIntegerKey
{
    /// <summary>The one sweep grain of a cluster.</summary>
    public const long Key = 0;

    /// <summary>
    /// Makes the sweep's durable reminder match <c>Instances:PowerSyncInterval</c>: registered or
    /// re-registered with that period, removed when the sync is off. Every silo calls it as it starts.
    /// </summary>
    Task ScheduleAsync();
}
