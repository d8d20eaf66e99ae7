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
public abstract class MigrationContract
{
    protected abstract Task<StorageSettings> FreshAsync();

    protected async Task FreshDatabaseGetsEveryMigrationAsync()
    {
        await using var database = StorageDatabase.Create(await FreshAsync());
        var migrator = Migrator(database);

        var applied = await migrator.MigrateAsync();

        Assert.Equal(Enumerable.Range(1, migrator.Known.Count), applied);
        Assert.Equal(migrator.Known.Count, await migrator.CurrentVersionAsync());
        Assert.True(await ScalarAsync(database, "SELECT COUNT(*) FROM OrleansQuery") > 10);
        Assert.Equal(0, await ScalarAsync(database, "SELECT COUNT(*) FROM instance_summaries"));
    }

    protected async Task ReRunIsANoOpAsync()
    {
        await using var database = StorageDatabase.Create(await FreshAsync());
        await Migrator(database).MigrateAsync();
        var queries = await ScalarAsync(database, "SELECT COUNT(*) FROM OrleansQuery");

        var again = await Migrator(database).MigrateAsync();

        Assert.Empty(again);
        Assert.Equal(queries, await ScalarAsync(database, "SELECT COUNT(*) FROM OrleansQuery"));
        Assert.Equal(Migrator(database).Known.Count, await ScalarAsync(database, $"SELECT COUNT(*) FROM {SchemaMigrator.VersionTable}"));
    }

    protected async Task TwoNodesMigratingAtOnceApplyEachStepOnceAsync()
    {
        var settings = await FreshAsync();

        // Two data sources, as two processes would have.
        await using var first = StorageDatabase.Create(settings);
        await using var second = StorageDatabase.Create(settings);
        var results = await Task.WhenAll(Migrator(first).MigrateAsync(), Migrator(second).MigrateAsync());

        var known = Migrator(first).Known.Count;
        Assert.Equal(Enumerable.Range(1, known), results.SelectMany(r => r).Order());
        Assert.Equal(known, await ScalarAsync(first, $"SELECT COUNT(*) FROM {SchemaMigrator.VersionTable}"));
    }

    protected async Task NewerSchemaIsRefusedAsync()
    {
        await using var database = StorageDatabase.Create(await FreshAsync());
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

public sealed class PostgresMigrationTests : MigrationContract
{
    protected override Task<StorageSettings> FreshAsync() => FreshDatabases.PostgresAsync();

    [SkippableFact]
    public Task FreshDatabaseGetsEveryMigration() => FreshDatabaseGetsEveryMigrationAsync();

    [SkippableFact]
    public Task ReRunIsANoOp() => ReRunIsANoOpAsync();

    [SkippableFact]
    public Task TwoNodesMigratingAtOnceApplyEachStepOnce() => TwoNodesMigratingAtOnceApplyEachStepOnceAsync();

    [SkippableFact]
    public Task NewerSchemaIsRefused() => NewerSchemaIsRefusedAsync();
}

public sealed class SqliteMigrationTests : MigrationContract, IDisposable
{
    private readonly List<IDisposable> _cleanups = [];

    protected override Task<StorageSettings> FreshAsync()
    {
        var (settings, cleanup) = FreshDatabases.Sqlite();
        _cleanups.Add(cleanup);
        return Task.FromResult(settings);
    }

    [Fact]
    public Task FreshDatabaseGetsEveryMigration() => FreshDatabaseGetsEveryMigrationAsync();

    [Fact]
    public Task ReRunIsANoOp() => ReRunIsANoOpAsync();

    [Fact]
    public Task TwoNodesMigratingAtOnceApplyEachStepOnce() => TwoNodesMigratingAtOnceApplyEachStepOnceAsync();

    [Fact]
    public Task NewerSchemaIsRefused() => NewerSchemaIsRefusedAsync();

    public void Dispose() => _cleanups.ForEach(c => c.Dispose());
}
