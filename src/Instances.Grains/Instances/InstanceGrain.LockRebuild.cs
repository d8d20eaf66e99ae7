using System.Collections.Immutable;
using Instances.Abstractions;
using Instances.Grains.StateMachine;

namespace Instances.Grains.Instances;

/// <summary>Lock, rebuild and the action history of the instance grain (API.md §3, §5).</summary>
public sealed partial class InstanceGrain
{
    public async Task<Outcome> SetLockAsync(Caller caller, bool locked)
    {
        if (VisibleTo(caller) is not { } current)
        {
            return NotFound();
        }

        if (InstanceStateMachine.Decide(current.Status, InstanceAction.Lock).Verdict != Verdict.Start)
        {
            return Busy(current);
        }

        var action = locked ? ActionHistory.Lock : ActionHistory.Unlock;
        if (!locked && current.Locked && state.State.LockedByAdmin && !caller.IsAdmin)
        {
            return new Outcome(OutcomeKind.Forbidden, $"Instance {Id} was locked by an admin; only an admin can unlock it.");
        }

        if (current.Locked == locked)
        {
            await RecordNoOpAsync(action, caller, $"Already {action}ed; nothing to do.");
            return Outcome.NoOp;
        }

        var changed = Changed(current) with { Locked = locked };
        await SaveAsync(changed, state.State.Pending, Recorded(ActionHistory.Instant(action, caller, time.GetUtcNow())), locked && caller.IsAdmin);
        await PublishSavedAsync(changed);
        return Outcome.Accepted;
    }

    public async Task<Outcome> RebuildAsync(Caller caller, Guid? imageUuid)
    {
        if (VisibleTo(caller) is not { } current)
        {
            return NotFound();
        }

        if (RefusedByLock(current, caller) is { } refused)
        {
            return refused;
        }

        var decision = InstanceStateMachine.Decide(current.Status, InstanceAction.Rebuild);
        switch (decision.Verdict)
        {
            case Verdict.Conflict:
                return Busy(current);
            case Verdict.InvalidState or Verdict.NoOp:
                return new Outcome(
                    OutcomeKind.InvalidState,
                    $"Instance {Id} is {current.Status.ToName()}: rebuild is allowed only from active or stopped.");
        }

        // The image is recorded at accept, so a rebuild resumed after a crash deploys the same one.
        var rebuilding = Changed(current) with
        {
            Status = decision.Transitional!.Value,
            TargetPowerState = decision.Target,
            ImageUuid = imageUuid ?? current.ImageUuid,
            LastError = null,
        };
        var rebuild = NewOperation(OperationKind.Rebuild, null, options.CurrentValue.BuildTimeout);
        await AcceptAsync(rebuilding, rebuild, ActionHistory.Started(ActionHistory.Rebuild, caller, rebuild.AcceptedAt, rebuild.Id));
        return Outcome.Accepted;
    }

    public Task<ImmutableArray<InstanceActionRecord>?> GetActionsAsync(Caller caller) =>
        Task.FromResult(VisibleTo(caller) is null ? null : (ImmutableArray<InstanceActionRecord>?)Actions);

    private ImmutableArray<InstanceActionRecord> Actions => state.State.Actions.IsDefault ? [] : state.State.Actions;

    /// <summary>The history with <paramref name="entry"/> added first.</summary>
    private ImmutableArray<InstanceActionRecord> Recorded(InstanceActionRecord entry) => ActionHistory.Add(Actions, entry);

    /// <summary>A no-op was still asked and answered 202: the history says so, the instance is unchanged.</summary>
    private Task RecordNoOpAsync(string action, Caller caller, string message) =>
        SaveAsync(state.State.Instance!, state.State.Pending, Recorded(ActionHistory.Instant(action, caller, time.GetUtcNow(), message)));

    /// <summary>A locked instance refuses power, rebuild, update and delete from non-admins (API.md §4, §5).</summary>
    private Outcome? RefusedByLock(InstanceSnapshot current, Caller caller)
    {
        if (!current.Locked || caller.IsAdmin)
        {
            return null;
        }

        var unlock = state.State.LockedByAdmin
            ? "it was locked by an admin, and only an admin can unlock it"
            : $"unlock it first (PUT /v1/instances/{Id}/states/lock with {{\"target\": false}})";
        return new Outcome(OutcomeKind.Conflict, $"Instance {Id} is locked: {unlock}.");
    }
}
