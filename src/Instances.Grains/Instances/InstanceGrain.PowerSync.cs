using Instances.Abstractions;
using Instances.Grains.Driver;
using Microsoft.Extensions.Logging;

namespace Instances.Grains.Instances;

/// <summary>
/// The power-state sync: on activation and on every tick of a per-instance reminder, the power
/// state the driver reports replaces a different recorded one (see <see cref="PowerSync"/>).
/// A reminder rather than a timer, so instances nobody reads are synced too.
/// </summary>
public sealed partial class InstanceGrain
{
    private const string PowerSyncReminderName = "power-sync";

    private IGrainTimer? _sync;

    /// <summary>Reads the driver's power state beside the grain's turns; the result comes back as <see cref="ApplyPowerSyncAsync"/>.</summary>
    private void SchedulePowerSync()
    {
        if (_sync is not null || state.State.Instance is null)
        {
            return;
        }

        // One-shot and interleaved: a slow BMC read must not hold up the instance's requests.
        _sync = this.RegisterGrainTimer(ReadPowerAsync, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan)
        {
            Interleave = true,
            KeepAlive = false,
        });
    }

    private async Task ReadPowerAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (state.State.Instance is not { } instance)
            {
                return;
            }

            PowerState? observed = null;
            if (options.CurrentValue.PowerSyncEnabled && state.State.Pending is null && PowerSync.Applies(instance))
            {
                try
                {
                    observed = await driver.GetPowerAsync(instance.NodeId!, cancellationToken);
                }
                catch (Exception failure) when (failure is DriverException or TimeoutException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    LogSyncReadFailed(logger, failure, Id);
                }
            }

            await this.AsReference<IInstanceOperationsGrain>().ApplyPowerSyncAsync(instance.Version, observed);
        }
        finally
        {
            _sync?.Dispose();
            _sync = null;
        }
    }

    public async Task ApplyPowerSyncAsync(long version, PowerState? observed)
    {
        if (state.State.Instance is not { } current)
        {
            return;
        }

        var reminderChanged = await AlignPowerSyncReminderAsync(current);

        // A read that raced with an accepted request (or any other change) is stale: drop it.
        if (observed is { } power && current.Version == version && state.State.Pending is null
            && PowerSync.Reconcile(current, power) is { } corrected)
        {
            var updated = Changed(corrected);
            var entry = ActionHistory.Instant(PowerSync.Action, PowerSync.System(current.ProjectId), time.GetUtcNow(), PowerSync.Describe(current, corrected));
            await SaveAsync(updated, null, ActionHistory.Add(Actions, entry));
            metrics.PowerCorrected(power);
            await PublishSavedAsync(updated);
            LogPowerSynced(logger, Id, current.PowerState, power, updated.Status);
        }
        else if (reminderChanged)
        {
            await SaveAsync(current, state.State.Pending, Actions);
        }
    }

    /// <summary>
    /// Makes the registered reminder match the configured interval for <paramref name="instance"/>:
    /// registered once per instance with a node, its period recorded in state (so activations need
    /// no lookup; the caller persists it), removed when the sync is off or no node is held. True
    /// when the recorded period changed; a failure is logged and retried by the next sync.
    /// </summary>
    private async Task<bool> AlignPowerSyncReminderAsync(InstanceSnapshot instance)
    {
        var settings = options.CurrentValue;
        var wanted = settings.PowerSyncEnabled && instance.NodeId is not null ? settings.PowerSyncInterval : (TimeSpan?)null;
        if (state.State.PowerSyncPeriod == wanted)
        {
            return false;
        }

        try
        {
            if (wanted is { } interval)
            {
                await this.RegisterOrUpdateReminder(PowerSyncReminderName, PowerSync.FirstDue(interval, Random.Shared.NextDouble()), interval);
            }
            else if (await this.GetReminder(PowerSyncReminderName) is { } stale)
            {
                await this.UnregisterReminder(stale);
            }
        }
        catch (Exception failure)
        {
            LogSyncReminderFailed(logger, failure, Id);
            return false;
        }

        state.State.PowerSyncPeriod = wanted;
        return true;
    }

    private async Task OnPowerSyncTickAsync()
    {
        if (state.State.Instance is null)
        {
            // The instance is gone (its teardown could not remove this reminder): stop ticking.
            if (await this.GetReminder(PowerSyncReminderName) is { } orphan)
            {
                await this.UnregisterReminder(orphan);
            }

            return;
        }

        SchedulePowerSync();
    }

    private async Task RemovePowerSyncReminderAsync(TimeSpan? registered)
    {
        try
        {
            if (registered is not null && await this.GetReminder(PowerSyncReminderName) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        catch (Exception failure)
        {
            // The instance is gone either way; the reminder's next tick finds no instance and removes itself.
            LogSyncReminderFailed(logger, failure, Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Power sync of instance {InstanceId}: recorded {Recorded}, driver reports {Observed}; status now {Status}")]
    private static partial void LogPowerSynced(ILogger logger, Guid instanceId, PowerState? recorded, PowerState observed, InstanceStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Power sync of instance {InstanceId} could not read the power state; the next sync tries again")]
    private static partial void LogSyncReadFailed(ILogger logger, Exception failure, Guid instanceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not register or remove the power-sync reminder of instance {InstanceId}; the next sync tries again")]
    private static partial void LogSyncReminderFailed(ILogger logger, Exception failure, Guid instanceId);
}
