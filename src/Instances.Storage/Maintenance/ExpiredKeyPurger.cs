using Instances.Abstractions;
using Instances.Grains.Hosting;
using Instances.Storage.Database;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Instances.Storage.Maintenance;

/// <summary>
/// Deletes idempotency keys past their 24 hours (API.md §4), so that the grain-state table does not grow
/// with every create that ever sent a key. Each node runs it; concurrent deletes are harmless.
/// </summary>
/// <remarks>
/// A key's row is written at its first use (and once more to confirm the create), so its
/// <c>modified_at</c> is when it was remembered. Rows are deleted an hour after they expire: an
/// activation idle for less than that could still hold the row's version, and its next write would
/// then be refused once (a 503 the client retries) instead of silently reviving a purged key.
/// </remarks>
public sealed partial class ExpiredKeyPurger(
    StorageDatabase database, IOptions<ClusterOptions> cluster, TimeProvider time, ILogger<ExpiredKeyPurger> logger)
    : BackgroundService
{
    public static readonly TimeSpan FirstRound = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);
    public static readonly TimeSpan Age = IdempotencyKeys.Lifetime + TimeSpan.FromHours(1);

    /// <summary>Deletes the keys older than <paramref name="age"/>; returns how many.</summary>
    public async Task<int> PurgeAsync(TimeSpan age, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            DELETE FROM orleans_grain_state
            WHERE service_id = @service AND state_name = @state AND {database.OlderThan("modified_at", "@age")}
            """;
        command.AddParameter("@service", cluster.Value.ServiceId)
            .AddParameter("@state", StorageNames.IdempotencyKey)
            .AddParameter("@age", (long)age.TotalSeconds);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not at once: on a node's first start the schema may still be migrating.
        await Task.Delay(FirstRound, time, stoppingToken);
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                var purged = await PurgeAsync(Age, stoppingToken);
                LogPurged(logger, purged);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                // The database may be away; the keys are only garbage, the next round takes them.
                LogPurgeFailed(logger, failure);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Purged {Count} expired idempotency keys")]
    private static partial void LogPurged(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging expired idempotency keys failed; the next round tries again")]
    private static partial void LogPurgeFailed(ILogger logger, Exception failure);
}
