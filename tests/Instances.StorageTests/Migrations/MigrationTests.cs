using System.Data.Common;
using Instances.Storage.Configuration;
using Instances.Storage.Database;
using Instances.Storage.Migrations;
using Microsoft.Extensions.Logging.Abstractions;

namespace Instances.StorageTests.Migrations;

/// <summary>
/// The migrator against a real database: a fresh database gets every step, a re-run is a no-op,
/// two nodes migrating at once apply each step once, and a newer schema is refused.
/// </summary>
public sealed class MigrationTests : IDisposable
{
    private readonly FreshDatabases _databases = new();

    public void Dispose() => _databases.Dispose();

    [SkippableTheory]
    [InlineData(StorageMode.Sqlite)]
    [InlineData(StorageMode.PostgreSQL)]
    public async Task FreshDatabaseGetsEveryMigration(StorageMode mode)
    {
        await using var database = StorageDatabase.Create(await _databases.CreateAsync(mode));
        var migrator = Migrator(database);

        var applied = await migrator.MigrateAsync();

        Assert.Equal(Enumerable.Range(1, migrator.Known.Count), applied);
        Assert.Equal(migrator.Known.Count, await migrator.CurrentVersionAsync());
        Assert.True(await ScalarAsync(database, "SELECT COUNT(*) FROM OrleansQuery") > 10);
        Assert.Equal(0, await ScalarAsync(database, "SELECT COUNT(*) FROM instance_summaries"));
    }

    [SkippableTheory]
    [InlineData(StorageMode.Sqlite)]
    [InlineData(StorageMode.PostgreSQL)]
    public async Task ReRunIsANoOp(StorageMode mode)
    {
        await using var database = StorageDatabase.Create(await _databases.CreateAsync(mode));
        await Migrator(database).MigrateAsync();
        var queries = await ScalarAsync(database, "SELECT COUNT(*) FROM OrleansQuery");

        var again = await Migrator(database).MigrateAsync();

        Assert.Empty(again);
        Assert.Equal(queries, await ScalarAsync(database, "SELECT COUNT(*) FROM OrleansQuery"));
        Assert.Equal(Migrator(database).Known.Count, await ScalarAsync(database, $"SELECT COUNT(*) FROM {SchemaMigrator.VersionTable}"));
    }

    [SkippableTheory]
    [InlineData(StorageMode.Sqlite)]
    [InlineData(StorageMode.PostgreSQL)]
    public async Task TwoNodesMigratingAtOnceApplyEachStepOnce(StorageMode mode)
    {
        var settings = await _databases.CreateAsync(mode);

        // Two data sources, as two processes would have.
        await using var first = StorageDatabase.Create(settings);
        await using var second = StorageDatabase.Create(settings);
        var results = await Task.WhenAll(Migrator(first).MigrateAsync(), Migrator(second).MigrateAsync());

        var known = Migrator(first).Known.Count;
        Assert.Equal(Enumerable.Range(1, known), results.SelectMany(r => r).Order());
        Assert.Equal(known, await ScalarAsync(first, $"SELECT COUNT(*) FROM {SchemaMigrator.VersionTable}"));
    }

    [SkippableTheory]
    [InlineData(StorageMode.Sqlite)]
    [InlineData(StorageMode.PostgreSQL)]
    public async Task NewerSchemaIsRefused(StorageMode mode)
    {
        await using var database = StorageDatabase.Create(await _databases.CreateAsync(mode));
        var migrator = Migrator(database);
        await migrator.MigrateAsync();
        var newer = migrator.Known.Count + 1;
        await ScalarAsync(database, $"INSERT INTO {SchemaMigrator.VersionTable} (version, name, applied_at) VALUES ({newer}, 'from_the_future', 'now')");

        var refused = await Assert.ThrowsAsync<SchemaTooNewException>(() => migrator.MigrateAsync());

        Assert.Equal(newer, refused.DatabaseVersion);
        Assert.Contains($"version {newer}", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"up to {migrator.Known.Count}", refused.Message, StringComparison.Ordinal);
    }

    private static SchemaMigrator Migrator(StorageDatabase database) => new(database, NullLogger<SchemaMigrator>.Instance);

    private static async Task<long> ScalarAsync(StorageDatabase database, string sql)
    {
        await using DbCommand command = database.DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }
}
