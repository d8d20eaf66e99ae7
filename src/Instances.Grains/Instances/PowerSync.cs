using Instances.Abstractions;
using Instances.Grains.StateMachine;

namespace Instances.Grains.Instances;

/// <summary>
/// What the periodic power sync (Ironic's and Mogan's "power state sync") does with a power state
/// the driver reports, as pure functions so every case is tested without a cluster. It only
/// corrects an instance at rest: a running operation ends with the driver's own report instead.
/// </summary>
public static class PowerSync
{
    /// <summary>The action history name of a correction.</summary>
    public const string Action = "power sync";

    /// <summary>Who a correction is recorded as: the service itself (<c>user_id</c> "system", no request id).</summary>
    public static Caller System(string projectId) => new(projectId, "system", IsAdmin: true);

    /// <summary>Whether an instance in <paramref name="status"/> is synced at all (no operation runs, and it holds a node).</summary>
    public static bool Applies(InstanceSnapshot instance) =>
        instance.NodeId is not null && !InstanceStateMachine.IsTransitional(instance.Status);

    /// <summary>
    /// The instance corrected to <paramref name="observed"/>, or null when nothing changes. An
    /// <c>error</c> caused by an unknown power state (no fault) is healed to the matching stable
    /// status; an <c>error</c> with a fault (a failed rebuild) keeps its status and only learns the power state.
    /// </summary>
    public static InstanceSnapshot? Reconcile(InstanceSnapshot instance, PowerState observed)
    {
        if (!Applies(instance))
        {
            return null;
        }

        var status = instance.Status == InstanceStatus.Error && instance.Fault is not null
            ? InstanceStatus.Error
            : InstanceStateMachine.StableStatusFor(observed);
        return instance.PowerState == observed && instance.Status == status
            ? null
            : instance with { PowerState = observed, Status = status };
    }

    /// <summary>The history message of a correction from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static string Describe(InstanceSnapshot before, InstanceSnapshot after) =>
        $"The driver reports '{after.PowerState.ToName()}' where '{before.PowerState.ToName() ?? "unknown"}' was recorded "
        + $"(changed outside the service); status {before.Status.ToName()} -> {after.Status.ToName()}.";

    /// <summary>
    /// How long a sweep that has read <paramref name="seen"/> of <paramref name="expected"/> instances,
    /// <paramref name="elapsed"/> after it began, waits before reading on: instance k of n is read about
    /// k/n of the way through <paramref name="budget"/>, so a fleet's reads are spread, not a burst.
    /// Instances created since the count keep the same spacing, up to twice the budget (the whole interval):
    /// capped at the budget, a sweep that counted its instances while many more were being created
    /// read all of those unpaced, 16 at a time, in a burst of BMC reads at its end.
    /// </summary>
    public static TimeSpan SweepPause(TimeSpan budget, int seen, int expected, TimeSpan elapsed)
    {
        var due = budget * Math.Min(2.0, (double)seen / Math.Max(1, expected)) - elapsed;
        return due > TimeSpan.Zero ? due : TimeSpan.Zero;
    }
}
