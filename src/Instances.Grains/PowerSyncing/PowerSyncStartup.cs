using Microsoft.Extensions.Logging;

namespace Instances.Grains.PowerSyncing;

/// <summary>
/// Every silo, as it starts, makes the power sync sweep's reminder match its configuration, so a
/// changed <c>Instances:PowerSyncInterval</c> takes effect with a rolling restart.
/// </summary>
internal sealed partial class PowerSyncStartup(IGrainFactory grains, ILogger<PowerSyncStartup> logger) : IStartupTask
{
    public async Task Execute(CancellationToken cancellationToken)
    {
        try
        {
            await grains.GetGrain<IPowerSyncGrain>(IPowerSyncGrain.Key).ScheduleAsync();
        }
        catch (Exception failure)
        {
            // Not worth refusing the start over: the reminder of an earlier start keeps ticking, and the next start tries again.
            LogScheduleFailed(logger, failure);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not schedule the power sync sweep; it runs as last scheduled until a silo starts again")]
    private static partial void LogScheduleFailed(ILogger logger, Exception failure);
}
