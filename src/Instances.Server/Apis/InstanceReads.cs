using Instances.Abstractions;
using Instances.Grains.Instances;

namespace Instances.Server.Apis;

/// <summary>How show and states read one instance (docs/design.md, "Reads of an active instance").</summary>
public static class InstanceReads
{
    /// <summary>
    /// The instance as <paramref name="caller"/> may see it. When its grain is active on this node the
    /// answer is the snapshot the grain published there (the same one the grain would return) without a
    /// grain call (its message, its turn on the scheduler and the reply); otherwise the grain answers.
    /// </summary>
    public static ValueTask<InstanceSnapshot?> ReadInstanceAsync(this IGrainFactory grains, LocalInstances local, Guid id, Caller caller) =>
        local.TryRead(id, caller, out var visible)
            ? ValueTask.FromResult(visible)
            : new ValueTask<InstanceSnapshot?>(grains.GetInstance(id).GetAsync(caller));
}
