using Instances.Abstractions;
using Instances.Grains.Driver;
using Microsoft.Extensions.Logging;

namespace Instances.Grains.Instances;

/// <summary>
/// The power-state sync of one instance: on activation, and when the fleet's periodic sweep
/// (<see cref="PowerSyncing.PowerSyncGrain"/>) finds a difference, the power state the driver
/// reports replaces a different recorded one (see <see cref="PowerSync"/>).
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

            await GrainFactory.Reference<IInstanceOperationsGrain>(this.GetGrainId()).ApplyPowerSyncAsync(instance.Version, observed);
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

        var reminderChanged = await RemoveLegacyPowerSyncReminderAsync();

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
    /// Removes the per-instance <c>power-sync</c> reminder that instances registered before the
    /// sweep (<see cref="PowerSyncing.PowerSyncGrain"/>) replaced it; its period was recorded in state,
    /// so activations need no lookup. True when the state changed (the caller persists it); a failure
    /// is logged and retried by the next sync.
    /// </summary>
    private async Task<bool> RemoveLegacyPowerSyncReminderAsync()
    {
        if (!await TryRemovePowerSyncReminderAsync(state.State.PowerSyncPeriod))
        {
            return false;
        }

        state.State.PowerSyncPeriod = null;
        return true;
    }

    /// <summary>A tick of a legacy per-instance reminder: it only removes itself (the activation it caused syncs and clears the state).</summary>
    private Task OnPowerSyncTickAsync() => UnregisterLegacyPowerSyncReminderAsync();

    private async Task UnregisterLegacyPowerSyncReminderAsync()
    {
        if (await this.GetReminder(PowerSyncReminderName) is { } legacy)
        {
            await this.UnregisterReminder(legacy);
        }
    }

    /// <summary>
    /// Removes the legacy reminder when <paramref name="registered"/> says one was registered; true when
    /// it is gone. A failure is logged, not thrown: the next sync tries again, and the reminder's own
    /// next tick removes it in any case.
    /// </summary>
    private async Task<bool> TryRemovePowerSyncReminderAsync(TimeSpan? registered)
    {
        if (registered is null)
        {
            return false;
        }

        try
        {
            await UnregisterLegacyPowerSyncReminderAsync();
            return true;
        }
        catch (Exception failure)
        {
            LogSyncReminderFailed(logger, failure, Id);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Power sync of instance {InstanceId}: recorded {Recorded}, driver reports {Observed}; status now {Status}")]
    private static partial void LogPowerSynced(ILogger logger, Guid instanceId, PowerState? recorded, PowerState observed, InstanceStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Power sync of instance {InstanceId} could not read the power state; the next sync tries again")]
    private static partial void LogSyncReadFailed(ILogger logger, Exception failure, Guid instanceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove the legacy power-sync reminder of instance {InstanceId}; the next sync tries again")]
    private static partial void LogSyncReminderFailed(ILogger logger, Exception failure, Guid instanceId);
}
