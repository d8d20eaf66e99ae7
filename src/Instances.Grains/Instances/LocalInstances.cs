using System.Collections.Concurrent;
using Instances.Abstractions;

namespace Instances.Grains.Instances;

/// <summary>
/// The last durable snapshot of every instance whose grain is active on this node, published by the
/// grain itself: after each write that succeeded, on activation, and removed when it is deleted or deactivated.
/// <para>
/// Two readers. The <c>instances.instances</c> gauge counts them (a node knows only its own
/// activations, so the cluster's figure is the sum over the nodes). And the API answers a read of an
/// instance active here from it, without a grain call: the grain would answer the same snapshot,
/// since it changes its state only through a write that publishes here once durable. A read that
/// arrives during a write sees the state before it, as it would had it reached the grain first.
/// Only the grain writes its entry; a node that hosts no grains (gateway-only) has none and asks the grains.
/// </para>
/// </summary>
public sealed class LocalInstances
{
    private readonly ConcurrentDictionary<Guid, InstanceSnapshot> _active = new();

    /// <summary>Records what an active instance is now; null (deleted, never created) forgets it.</summary>
    public void Track(Guid id, InstanceSnapshot? instance)
    {
        if (instance is null)
        {
            Forget(id);
        }
        else
        {
            _active[id] = instance;
        }
    }

    public void Forget(Guid id) => _active.TryRemove(id, out _);

    /// <summary>
    /// True when the instance's grain is active on this node: <paramref name="visible"/> is then what
    /// <see cref="IInstanceGrain.GetAsync"/> would return to <paramref name="caller"/>.
    /// </summary>
    public bool TryRead(Guid id, Caller caller, out InstanceSnapshot? visible)
    {
        if (!_active.TryGetValue(id, out var instance))
        {
            visible = null;
            return false;
        }

        visible = InstanceGrain.VisibleTo(instance, caller);
        return true;
    }

    internal IEnumerable<InstanceSnapshot> Snapshots => _active.Values;
}
