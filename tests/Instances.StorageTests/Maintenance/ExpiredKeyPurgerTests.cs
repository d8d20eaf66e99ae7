using Instances.Grains.Hosting;
using Instances.Storage.Configuration;
using Instances.Storage.Database;
using Instances.Storage.Maintenance;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Instances.StorageTests.Maintenance;

/// <summary>Expired idempotency keys leave the grain-state table; nothing else does.</summary>
public abstract class ExpiredKeyPurgerContract : IDisposable
{
    private const string Service = "purge-test";

    protected abstract Backend Backend { get; }

    public void Dispose()
    {
        Backend.Dispose();
        GC.SuppressFinalize(this);
    }

    [SkippableFact]
    public async Task KeysOlderThanTheirLifetimeAreDeletedAndEverythingElseStays()
    {
        var connectionString = await Backend.CreateDatabaseAsync();
        await InsertAsync(connectionString, Service, StorageNames.IdempotencyKey, "expired", hoursAgo: 26);
        await InsertAsync(connectionString, Service, StorageNames.IdempotencyKey, "cleared-expired", hoursAgo: 30, payload: null);
        await InsertAsync(connectionString, Service, StorageNames.IdempotencyKey, "live", hoursAgo: 23);
        await InsertAsync(connectionString, Service, StorageNames.Instance, "old-instance", hoursAgo: 100);
        await InsertAsync(connectionString, "another-service", StorageNames.IdempotencyKey, "theirs", hoursAgo: 100);
        await using var database = StorageDatabase.Create(new StorageSettings { Mode = Backend.Mode, ConnectionString = connectionString });
        var purger = new ExpiredKeyPurger(
            database, Options.Create(new ClusterOptions { ServiceId = Service }), TimeProvider.System, NullLogger<ExpiredKeyPurger>.Instance);

        var purged = await purger.PurgeAsync(ExpiredKeyPurger.Age);

        Assert.Equal(2, purged);
        foreach (var (key, kept) in new[] { ("expired", false), ("cleared-expired", false), ("live", true), ("old-instance", true), ("theirs", true) })
        {
            var rows = await Backend.ScalarAsync(connectionString, "SELECT COUNT(*) FROM orleans_grain_state WHERE grain_id_extension = @key", ("@key", key));
            Assert.True(Convert.ToInt64(rows, System.Globalization.CultureInfo.InvariantCulture) == (kept ? 1 : 0), $"{key} should be {(kept ? "kept" : "purged")}");
        }
    }

    private Task<object?> InsertAsync(string connectionString, string service, string state, string key, int hoursAgo, string? payload = "{}")
    {
        var at = Backend.Mode == StorageMode.PostgreSQL ? $"now() - interval '{hoursAgo} hours'" : $"datetime('now', '-{hoursAgo} hours')";
        return Backend.ScalarAsync(connectionString, $"""
            INSERT INTO orleans_grain_state (service_id, state_name, grain_id_n0, grain_id_n1, grain_id_extension, version, payload, modified_at)
            VALUES (@service, @state, 1, 2, @key, 1, {(payload is null ? "NULL" : Backend.Mode == StorageMode.PostgreSQL ? "CAST(@payload AS jsonb)" : "@payload")}, {at})
            """, ("@service", service), ("@state", state), ("@key", key), ("@payload", payload));
    }
}

public sealed class PostgresExpiredKeyPurgerTests : ExpiredKeyPurgerContract
{
    protected override Backend Backend { get; } = new PostgresBackend();
}

public sealed class SqliteExpiredKeyPurgerTests : ExpiredKeyPurgerContract
{
    protected override Backend Backend { get; } = new SqliteBackend();
}
