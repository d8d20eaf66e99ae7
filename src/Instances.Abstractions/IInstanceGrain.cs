using System.Collections.Immutable;

namespace Instances.Abstractions;

/// <summary>One bare-metal instance, keyed by its UUID; owns its status and power state.</summary>
public interface IInstanceGrain : IGrainWithGuidKey
{
    /// <summary>Creates the instance in <c>building</c> and starts its build; Conflict if the UUID is taken.</summary>
    Task<InstanceOutcome> CreateAsync(CreateInstanceCommand command);

    /// <summary>The instance as the caller may see it; null when it does not exist or belongs to another project.</summary>
    Task<InstanceSnapshot?> GetAsync(Caller caller);

    /// <summary>Writes name, description and extra if the instance is still at <paramref name="expectedVersion"/>.</summary>
    Task<InstanceOutcome> UpdateAsync(Caller caller, InstanceChanges changes, long expectedVersion);

    /// <summary>Starts the teardown; supersedes any operation in progress.</summary>
    Task<Outcome> DeleteAsync(Caller caller);

    /// <summary>Judges a power change against the state machine and, when accepted, starts it.</summary>
    Task<Outcome> SetPowerAsync(Caller caller, PowerAction action, TimeSpan? timeout);

    /// <summary>Locks or unlocks the instance; Forbidden when a non-admin unlocks what an admin locked.</summary>
    Task<Outcome> SetLockAsync(Caller caller, bool locked);

    /// <summary>Judges a rebuild against the state machine and, when accepted, redeploys the node with the image (the current one when null).</summary>
    Task<Outcome> RebuildAsync(Caller caller, Guid? imageUuid);

    /// <summary>The action history, newest first; null when the instance does not exist or belongs to another project.</summary>
    Task<ImmutableArray<InstanceActionRecord>?> GetActionsAsync(Caller caller);
}
