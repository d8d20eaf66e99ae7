using Instances.Abstractions;
using Instances.Grains.Driver;
using Instances.Grains.Hosting;
using Instances.Grains.Instances;
using Instances.Grains.Projection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Instances.Grains.PowerSyncing;

/// <summary>
/// Walks every instance of the projection once per sync interval, reads each one's power state from
/// the driver and tells only the instances whose recorded state is wrong (see <see cref="PowerSync"/>).
/// Why one sweep and not a reminder per instance (issue 5): 100,000 per-instance reminders held
/// ~140 MB of the reminder service's tick loops and timers, and each tick activated an instance
/// grain (and its simulated BMC) only to find, nearly always, nothing to correct.
/// </summary>
/// <remarks>
/// The projection may lag the grain by a write (memory mode); the correction is therefore sent with
/// the version it was judged on, and the instance ignores it if that is not its current version —
/// the next sweep looks again. An instance activating re-reads its own power state as well.
/// </remarks>
public sealed partial class PowerSyncGrain(
    IInstanceIndex index,
    IBareMetalDriver driver,
    IReminderTable reminders,
    IOptionsMonitor<InstancesOptions> options,
    TimeProvider time,
    ILogger<PowerSyncGrain> logger)
    : Grain, IPowerSyncGrain, IRemindable
{
    private const string ReminderName = "power-sync-sweep";

    /// <summary>How many driver reads run at once: a real BMC answers in tens of milliseconds, one at a time.</summary>
    internal const int Concurrency = 16;

    /// <summary>The share of the interval a sweep is spread over, so a slow sweep still ends before the next tick.</summary>
    internal const double Spread = 0.5;

    private const int PageSize = 500;

    private IGrainTimer? _sweep;

    public async Task ScheduleAsync()
    {
        var settings = options.CurrentValue;
        if (settings.PowerSyncEnabled)
        {
            // Re-registering moves the next tick one interval away: silos that restart often would
            // postpone the sweep for ever, so a reminder with the wanted period is left as it is.
            var registered = await reminders.ReadRow(this.GetGrainId(), ReminderName);
            if (registered?.Period != settings.PowerSyncInterval)
            {
                await this.RegisterOrUpdateReminder(ReminderName, settings.PowerSyncInterval, settings.PowerSyncInterval);
            }
        }
        else if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // A tick during a sweep that still runs is skipped: the running one covers the fleet.
        _sweep ??= this.RegisterGrainTimer(SweepAsync, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan)
        {
            Interleave = true,
            KeepAlive = true,
        });
        return Task.CompletedTask;
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        try
        {
            var started = time.GetTimestamp();
            var budget = options.CurrentValue.PowerSyncInterval * Spread;
            var expected = await index.CountAsync();
            var query = new InstanceQuery { SortKey = InstanceSortKey.Uuid, Descending = false, Limit = PageSize };
            var seen = 0;
            await foreach (var page in index.PagesAsync(query, cancellationToken))
            {
                foreach (var chunk in page.Items.Chunk(Concurrency))
                {
                    await Task.WhenAll(chunk.Where(PowerSync.Applies).Select(instance => CheckAsync(instance, cancellationToken)));
                    seen += chunk.Length;

                    if (PowerSync.SweepPause(budget, seen, expected, time.GetElapsedTime(started)) is { Ticks: > 0 } pause)
                    {
                        await Task.Delay(pause, time, cancellationToken);
                    }
                }
            }

            var took = time.GetElapsedTime(started);
            LogSwept(logger, seen, took);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The grain is deactivating; the reminder starts a new sweep on the next tick, wherever it lives then.
        }
        catch (Exception failure)
        {
            LogSweepFailed(logger, failure);
        }
        finally
        {
            _sweep?.Dispose();
            _sweep = null;
        }
    }

    private async Task CheckAsync(InstanceSnapshot instance, CancellationToken cancellationToken)
    {
        try
        {
            if (await driver.GetPowerAsync(instance.NodeId!, cancellationToken) is { } observed
                && PowerSync.Reconcile(instance, observed) is not null)
            {
                await GrainFactory.GetGrain<IInstanceOperationsGrain>(instance.Uuid).ApplyPowerSyncAsync(instance.Version, observed);
            }
        }
        catch (Exception failure) when (!cancellationToken.IsCancellationRequested)
        {
            // One node that cannot be read (a BMC away, a driver error) must not end the sweep of the others.
            LogReadFailed(logger, failure, instance.Uuid);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Power sync swept {Count} instances in {Elapsed}")]
    private static partial void LogSwept(ILogger logger, int count, TimeSpan elapsed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Power sync could not read the power state of instance {InstanceId}; the next sweep tries again")]
    private static partial void LogReadFailed(ILogger logger, Exception failure, Guid instanceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A power sync sweep stopped early; the next tick starts a new one")]
    private static partial void LogSweepFailed(ILogger logger, Exception failure);
}
