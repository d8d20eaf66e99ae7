using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Instances.Abstractions;

namespace Instances.Grains.Observability;

/// <summary>
/// Status and power state of the instances whose grains are active on this node, for the
/// <c>instances.instances</c> gauge. A node knows only its own activations: an instance counts where
/// it is active, so the cluster's figure is the sum over the nodes (idle instances deactivated
/// everywhere count nowhere; the list API is the complete view).
/// </summary>
public sealed class ActivationCensus
{
    private readonly ConcurrentDictionary<Guid, (InstanceStatus Status, PowerState? Power)> _active = new();

    /// <summary>Records what an active instance is now; null (deleted, never created) forgets it.</summary>
    public void Track(Guid id, InstanceSnapshot? instance)
    {
        if (instance is null)
        {
            Forget(id);
        }
        else
        {
            _active[id] = (instance.Status, instance.PowerState);
        }
    }

    public void Forget(Guid id) => _active.TryRemove(id, out _);

    internal IEnumerable<Measurement<long>> Observe() =>
        _active.Values
            .GroupBy(v => v)
            .Select(g => new Measurement<long>(g.LongCount(),
                new KeyValuePair<string, object?>("status", g.Key.Status.ToName()),
                new KeyValuePair<string, object?>("power_state", g.Key.Power.ToName() ?? "unknown")));
}
