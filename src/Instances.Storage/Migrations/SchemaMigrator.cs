using System.Data.Common;
using System.Globalization;
using Instances.Storage.Database;
using Microsoft.Extensions.Logging;

namespace Instances.Storage.Migrations;

/// <summary>
/// Brings a database to the newest schema this build knows, in one transaction under the
/// database's migration lock: nodes starting together apply each step once, a re-run is a no-op,
/// and a database migrated by a newer build is refused.
/// </summary>
public sealed partial class SchemaMigrator(StorageDatabase database, ILogger<SchemaMigrator> logger)
{
    /// <summary>The table recording which steps ran; created by the migrator itself.</summary>
    public const string VersionTable = "instances_schema_version";

    public IReadOnlyList<Migration> Known { get; } = Migration.For(database.MigrationFolder);

    /// <summary>Applies what is missing; returns the versions applied by this call (empty when up to date).</summary>
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await database.PrepareAsync(connection, cancellationToken);
        await using var transaction = await database.BeginMigrationAsync(connection, cancellationToken);

        await ExecuteAsync(connection, transaction,
            $"CREATE TABLE IF NOT EXISTS {VersionTable} (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)",
            cancellationToken);
        var current = await CurrentVersionAsync(connection, transaction, cancellationToken);
        var newest = Known.Count;
        if (current > newest)
        {
            throw new SchemaTooNewException(current, newest);
        }

        var applied = new List<int>();
        foreach (var migration in Known.Where(m => m.Version > current))
        {
            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
            await using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = $"INSERT INTO {VersionTable} (version, name, applied_at) VALUES (@version, @name, @applied_at)";
            record.AddParameter("@version", migration.Version);
            record.AddParameter("@name", migration.Name);
            record.AddParameter("@applied_at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            await record.ExecuteNonQueryAsync(cancellationToken);
            applied.Add(migration.Version);
            Applied(logger, migration.Version, migration.Name, database.MigrationFolder);
        }

        await transaction.CommitAsync(cancellationToken);
        return applied;
    }

    /// <summary>The version the database is at (0 when never migrated).</summary>
    public async Task<int> CurrentVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            return await CurrentVersionAsync(connection, null, cancellationToken);
        }
        catch (DbException)
        {
            return 0; // no version table yet
        }
    }

    private static async Task<int> CurrentVersionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT COALESCE(MAX(version), 0) FROM {VersionTable}";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied schema migration {Version} ({Name}) to the {Database} database")]
    private static partial void Applied(ILogger logger, int version, string name, string database);
}
