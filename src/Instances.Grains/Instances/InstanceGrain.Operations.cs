using System.Collections.Immutable;
using System.Diagnostics;
using Instances.Abstractions;
using Instances.Grains.Observability;
using Instances.Grains.StateMachine;
using Microsoft.Extensions.Logging;

namespace Instances.Grains.Instances;

/// <summary>The asynchronous half of the instance grain: accept, run, resume, complete.</summary>
public sealed partial class InstanceGrain
{
    private const string ReminderName = "operation";

    /// <summary>
    /// Ticks in a row that find nothing pending before the operation reminder is removed. One was
    /// too few under steady load: an instance asked for a change every few seconds (reminder period
    /// 10 s) unregistered and registered its reminder again between most operations, 0.6 reminder
    /// statements and commits per transition (issue 5's figure 2).
    /// </summary>
    private const int IdleTicksBeforeRemoval = 3;

    private IGrainTimer? _work;
    private Guid? _workingOn;
    private bool _reminderSet;
    private IGrainReminder? _reminder;
    private Task? _settingReminder;
    private int _idleTicks;

    // A reminder tick that fell due while no silo owned this grain is skipped, not replayed, so
    // activation itself must pick the operation up again.
    // Activation is also when the power state is re-read (issue 8: the machine may have changed while nobody looked).
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await ResumeAsync();
        SchedulePowerSync();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        local.Forget(Id);
        return Task.CompletedTask;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == PowerSyncReminderName)
        {
            await OnPowerSyncTickAsync();
            return;
        }

        _reminderSet = true;
        if (await ResumeAsync())
        {
            _idleTicks = 0;
        }
        else if (++_idleTicks >= IdleTicksBeforeRemoval)
        {
            _idleTicks = 0;
            await StopReminderAsync();
        }
    }

    /// <summary>Starts the pending operation again from durable state, unless it runs here already; false when none is pending.</summary>
    private async Task<bool> ResumeAsync()
    {
        local.Track(Id, state.State.Instance);
        if (state.State.Pending is not { } pending || state.State.Instance is not { } instance)
        {
            return false;
        }

        if (_workingOn == pending.Id)
        {
            return true; // a tick while this activation runs it: nothing to resume, nothing stale to publish
        }

        await PublishAsync(instance);
        metrics.Resumed(pending, time.GetUtcNow());
        StartWork(pending);
        return true;
    }

    public async Task CompleteOperationAsync(Guid operationId, OperationResult result)
    {
        // Ticks and resumed runs can report the same operation twice; only the pending one counts.
        if (state.State.Pending is not { } pending || pending.Id != operationId || state.State.Instance is not { } current)
        {
            return;
        }

        if (pending.Kind == OperationKind.Delete && result.Succeeded)
        {
            var syncReminder = state.State.PowerSyncPeriod;
            await state.ClearStateAsync();
            local.Forget(Id); // reads answered on this node must not outlive the instance until the deactivation
            await TryRemovePowerSyncReminderAsync(syncReminder); // the instance is gone either way
            metrics.Ended(pending, true, time.GetUtcNow());
            AnnounceDeleted(current);
            StopWork();
            await StopReminderAsync();
            await index.RemoveAsync(Id);
            DeactivateOnIdle();
            return;
        }

        var now = time.GetUtcNow();
        var completed = OperationCompletion.Apply(Changed(current), pending.Kind, result, now);
        var actions = ActionHistory.Finish(Actions, pending.Id, result.Succeeded, result.Succeeded ? null : completed.LastError, now);
        await SaveAsync(completed, null, actions);
        metrics.Ended(pending, result.Succeeded, now);
        StopWork();

        // The reminder stays: the next accept needs it again, and it is removed after a few ticks that
        // find nothing pending (ReceiveReminder). Under load that saves a reminder insert and delete per transition.
        await PublishSavedAsync(completed);
        LogCompleted(logger, pending.Kind, Id, result.Succeeded, completed.Status);
    }

    private async Task AcceptAsync(InstanceSnapshot snapshot, PendingOperation operation, InstanceActionRecord entry)
    {
        // A superseded operation (a delete replaces whatever runs) will never report: end its entry now.
        var actions = Actions;
        if (state.State.Pending is { } superseded && superseded.Id != operation.Id)
        {
            actions = ActionHistory.Finish(actions, superseded.Id, false, $"Superseded by {entry.Action}.", operation.AcceptedAt);
            metrics.Superseded(superseded);
        }

        // The reminder is registered beside the write, not after it: one round trip less before the
        // answer. Should the write fail, the reminder's ticks find nothing pending and remove it. If
        // it cannot be registered now, the work timer keeps trying (and keeps this activation alive
        // meanwhile); failing the accepted request would say otherwise.
        _idleTicks = 0;
        var reminder = TrySetReminderAsync();
        await SaveAsync(snapshot, operation, ActionHistory.Add(actions, entry));
        metrics.Accepted(operation);

        // The operation is durable from here: start it before anything else can fail.
        StartWork(operation);
        await reminder;
        await PublishSavedAsync(snapshot);
    }

    /// <summary>
    /// Runs the operation in a timer beside the grain's turns: at once, then again every reminder
    /// period until it completes. A run that ends without a result (an unexpected error, say the
    /// database or a driver grain away) is simply retried by the next tick, in this activation,
    /// without waiting for the reminder.
    /// </summary>
    private void StartWork(PendingOperation operation)
    {
        if (_workingOn == operation.Id)
        {
            return;
        }

        // Disposing the previous timer cancels a superseded operation's driver work.
        _work?.Dispose();
        _workingOn = operation.Id;
        var work = new Work(operation, state.State.Instance!, state.State.Networks, Activity.Current?.Context ?? default);
        _work = this.RegisterGrainTimer(RunAsync, work, new GrainTimerCreationOptions(TimeSpan.Zero, options.CurrentValue.ReminderPeriod)
        {
            // Interleaving lets reads and conflicting requests be answered while the driver works;
            // the result comes back as a normal grain call, so state is only changed in turns.
            Interleave = true,
            KeepAlive = true,
        });
    }

    private void StopWork()
    {
        _work?.Dispose();
        (_work, _workingOn) = (null, null);
    }

    private async Task RunAsync(Work work, CancellationToken cancellationToken)
    {
        if (state.State.Pending?.Id != work.Operation.Id)
        {
            return; // completed meanwhile; the completion stops this timer
        }

        await TrySetReminderAsync();
        using var span = InstancesActivities.StartOperation(work.Operation, Id, work.Parent);
        var result = await runner.RunAsync(work.Instance, work.Networks, work.Operation, cancellationToken);
        if (result is not null)
        {
            await GrainFactory.Reference<IInstanceOperationsGrain>(this.GetGrainId()).CompleteOperationAsync(work.Operation.Id, result);
        }
    }

    /// <summary>
    /// Registers the safety-net reminder unless it is known to exist or is being registered (the
    /// accept and the first work tick may both ask, interleaved); a failure is retried by the next tick.
    /// </summary>
    private Task TrySetReminderAsync()
    {
        if (_reminderSet)
        {
            return Task.CompletedTask;
        }

        return _settingReminder is { IsCompleted: false } inFlight ? inFlight : _settingReminder = SetReminderAsync();
    }

    private async Task SetReminderAsync()
    {
        try
        {
            var period = options.CurrentValue.ReminderPeriod;
            _reminder = await this.RegisterOrUpdateReminder(ReminderName, period, period);
            _reminderSet = true;
        }
        catch (Exception failure)
        {
            LogReminderFailed(logger, failure, Id);
        }
        finally
        {
            _settingReminder = null; // its callers hold it; kept, a finished task costs every idle instance ~100 bytes
        }
    }

    /// <summary>Writes the instance, its pending operation, its history and (when given) who holds the lock.</summary>
    private async Task SaveAsync(
        InstanceSnapshot snapshot, PendingOperation? pending, ImmutableArray<InstanceActionRecord> actions, bool? lockedByAdmin = null)
    {
        var s = state.State;
        var previous = (s.Instance, s.Pending, s.Actions, s.LockedByAdmin);
        (s.Instance, s.Pending, s.Actions, s.LockedByAdmin) = (snapshot, pending, actions, lockedByAdmin ?? s.LockedByAdmin);
        try
        {
            await state.WriteStateAsync();
            local.Track(Id, snapshot);
            Announce(previous.Instance, snapshot, previous.Actions, actions);
        }
        catch
        {
            // Nothing is acknowledged that is not durable: keep memory equal to storage. Whether the
            // database applied the write is unknown (and the ETag may be stale), so the next call
            // starts a fresh activation that reads storage again; the reminder resumes any operation.
            (s.Instance, s.Pending, s.Actions, s.LockedByAdmin) = previous;
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>Publishes what <see cref="SaveAsync"/> just wrote, unless the write itself did (PostgreSQL).</summary>
    private Task PublishSavedAsync(InstanceSnapshot snapshot) => index.PublishedWithState ? Task.CompletedTask : PublishAsync(snapshot);

    private async Task PublishAsync(InstanceSnapshot snapshot)
    {
        try
        {
            await index.PublishAsync(snapshot);
        }
        catch (Exception failure)
        {
            // The projection is not the truth: the next tick or activation publishes again.
            LogPublishFailed(logger, failure, Id);
        }
    }

    private async Task StopReminderAsync()
    {
        _reminderSet = false;
        var known = _reminder;
        _reminder = null;
        if ((known ?? await this.GetReminder(ReminderName)) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>The work of one operation; <paramref name="Parent"/> is the span that accepted it, so its trace covers the driver calls.</summary>
    private sealed record Work(PendingOperation Operation, InstanceSnapshot Instance, ImmutableArray<NetworkRequest> Networks, ActivityContext Parent);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not register the operation reminder of instance {InstanceId}; the operation runs, and the next work tick tries again")]
    private static partial void LogReminderFailed(ILogger logger, Exception failure, Guid instanceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Kind} of instance {InstanceId} ended (succeeded: {Succeeded}); status {Status}")]
    private static partial void LogCompleted(ILogger logger, OperationKind kind, Guid instanceId, bool succeeded, InstanceStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing instance {InstanceId} to the list projection failed; it is retried")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, Guid instanceId);
}
