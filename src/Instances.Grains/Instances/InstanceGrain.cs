using Instances.Abstractions;
using Instances.Grains.Driver;
using Instances.Grains.Events;
using Instances.Grains.Hosting;
using Instances.Grains.Observability;
using Instances.Grains.Projection;
using Instances.Grains.StateMachine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Instances.Grains.Instances;

/// <summary>
/// One instance. Requests are judged by <see cref="InstanceStateMachine"/>; an accepted operation is
/// persisted, given a reminder and only then answered (DESIGN.md §2). Its driver work runs beside
/// the grain's turns and reports back through <see cref="IInstanceOperationsGrain"/>.
/// </summary>
[Orleans.Placement.ActivationCountBasedPlacement]
public sealed partial class InstanceGrain(
    [PersistentState(StorageNames.Instance, StorageNames.Provider)] IPersistentState<InstanceState> state,
    OperationRunner runner,
    IBareMetalDriver driver,
    IInstanceIndex index,
    IOptionsMonitor<InstancesOptions> options,
    TimeProvider time,
    InstancesMetrics metrics,
    LocalInstances local,
    EventLogReferences eventLogs,
    ILogger<InstanceGrain> logger)
    : Grain, IInstanceGrain, IInstanceOperationsGrain, IRemindable
{
    private Guid Id => this.GetPrimaryKey();

    public async Task<InstanceOutcome> CreateAsync(CreateInstanceCommand command)
    {
        if (state.State.Instance is not null)
        {
            return new InstanceOutcome(new Outcome(OutcomeKind.Conflict, $"Instance {Id} already exists."), null);
        }

        var snapshot = new InstanceSnapshot
        {
            Uuid = Id,
            Name = command.Name,
            Description = command.Description,
            ProjectId = command.Caller.ProjectId,
            UserId = command.Caller.UserId,
            Status = InstanceStatus.Building,
            AvailabilityZone = command.AvailabilityZone,
            InstanceTypeUuid = command.InstanceTypeUuid,
            ImageUuid = command.ImageUuid,
            Extra = command.Extra,
            CreatedAt = time.GetUtcNow(),
            Version = 1,
        };
        state.State.Networks = command.Networks;
        var build = NewOperation(OperationKind.Build, null, options.CurrentValue.BuildTimeout);
        await AcceptAsync(snapshot, build, ActionHistory.Started(ActionHistory.Create, command.Caller, build.AcceptedAt, build.Id));
        return new InstanceOutcome(Outcome.Accepted, snapshot);
    }

    public Task<InstanceSnapshot?> GetAsync(Caller caller) => Task.FromResult(VisibleTo(caller));

    public async Task<InstanceOutcome> UpdateAsync(Caller caller, InstanceChanges changes, long expectedVersion)
    {
        if (VisibleTo(caller) is not { } current)
        {
            return new InstanceOutcome(NotFound(), null);
        }

        if (RefusedByLock(current, caller) is { } locked)
        {
            return new InstanceOutcome(locked, null);
        }

        if (InstanceStateMachine.Decide(current.Status, InstanceAction.Update).Verdict != Verdict.Start)
        {
            return new InstanceOutcome(Busy(current), null);
        }

        if (current.Version != expectedVersion)
        {
            return new InstanceOutcome(new Outcome(OutcomeKind.Conflict, $"Instance {Id} was changed by another request; retry."), null);
        }

        var updated = Changed(current) with { Name = changes.Name, Description = changes.Description, Extra = changes.Extra };
        await SaveAsync(updated, state.State.Pending, Recorded(ActionHistory.Instant(ActionHistory.Update, caller, time.GetUtcNow())));
        await PublishSavedAsync(updated);
        return new InstanceOutcome(Outcome.Accepted, updated);
    }

    public async Task<Outcome> DeleteAsync(Caller caller)
    {
        if (VisibleTo(caller) is not { } current)
        {
            return NotFound();
        }

        if (RefusedByLock(current, caller) is { } locked)
        {
            return locked;
        }

        if (InstanceStateMachine.Decide(current.Status, InstanceAction.Delete).Verdict == Verdict.NoOp)
        {
            await RecordNoOpAsync(ActionHistory.Delete, caller, "Already deleting; nothing to do.");
            return Outcome.NoOp;
        }

        var deleting = Changed(current) with { Status = InstanceStatus.Deleting, TargetPowerState = null };
        var teardown = NewOperation(OperationKind.Delete, null, options.CurrentValue.TeardownTimeout);
        await AcceptAsync(deleting, teardown, ActionHistory.Started(ActionHistory.Delete, caller, teardown.AcceptedAt, teardown.Id));
        return Outcome.Accepted;
    }

    public async Task<Outcome> SetPowerAsync(Caller caller, PowerAction action, TimeSpan? timeout)
    {
        if (VisibleTo(caller) is not { } current)
        {
            return NotFound();
        }

        if (RefusedByLock(current, caller) is { } locked)
        {
            return locked;
        }

        var decision = InstanceStateMachine.Decide(current.Status, action.ToInstanceAction());
        switch (decision.Verdict)
        {
            case Verdict.NoOp:
                await RecordNoOpAsync(ActionHistory.NameOf(action), caller, $"Already {current.PowerState.ToName()}; nothing to do.");
                return Outcome.NoOp;
            case Verdict.Conflict:
                return Busy(current);
            case Verdict.InvalidState:
                return new Outcome(
                    OutcomeKind.InvalidState,
                    $"Instance {Id} is {current.Status.ToName()}: power target '{action.ToTarget()}' is not allowed in that state.");
        }

        var transitioning = Changed(current) with { Status = decision.Transitional!.Value, TargetPowerState = decision.Target };
        var power = NewOperation(OperationKind.Power, action, timeout ?? options.CurrentValue.PowerTimeout);
        await AcceptAsync(transitioning, power, ActionHistory.Started(ActionHistory.NameOf(action), caller, power.AcceptedAt, power.Id));
        return Outcome.Accepted;
    }

    /// <summary>The instance as <paramref name="caller"/> may see it: another project's instance does not exist for it.</summary>
    internal static InstanceSnapshot? VisibleTo(InstanceSnapshot? instance, Caller caller) =>
        instance is not null && caller.MayAccess(instance.ProjectId) ? instance : null;

    private InstanceSnapshot? VisibleTo(Caller caller) => VisibleTo(state.State.Instance, caller);

    private InstanceSnapshot Changed(InstanceSnapshot current) =>
        current with { UpdatedAt = time.GetUtcNow(), Version = current.Version + 1 };

    private PendingOperation NewOperation(OperationKind kind, PowerAction? action, TimeSpan timeout)
    {
        var now = time.GetUtcNow();
        return new PendingOperation(Guid.NewGuid(), kind, action, now, now + timeout);
    }

    private Outcome NotFound() => new(OutcomeKind.NotFound, $"Instance {Id} could not be found.");

    private Outcome Busy(InstanceSnapshot current) =>
        new(OutcomeKind.Conflict, $"Instance {Id} is {current.Status.ToName()}: another operation is in progress.");
}
