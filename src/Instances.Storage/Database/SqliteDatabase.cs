using System.Data.Common;
using Instances.Storage.Configuration;
using Instances.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Instances.Storage.Database;

/// <summary>The embedded SQLite file, opened through the gated data source.</summary>
public sealed class SqliteDatabase : StorageDatabase
{
    public SqliteDatabase(StorageSettings settings)
        : base(settings, new GatedSqliteDataSource(settings))
    {
        // "Created on first start, nothing to install": SQLite makes the file, we make its folder.
        var file = new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource;
        if (Path.GetDirectoryName(file) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }
    }

    public override string Invariant => "System.Data.SQLite";

    public override string MigrationFolder => "sqlite";

    internal override string JsonParameter(string name) => name;

    internal override string JsonMember(string column, string member) => $"json_extract({column}, '$.{member}')";

    // Text in the canonical form sorts like PostgreSQL's uuid and like Guid.CompareTo.
    internal override object Uuid(Guid value) => value.ToString("D");

    // modified_at is datetime()'s UTC text, which orders as time does.
    internal override string OlderThan(string column, string secondsParameter) =>
        $"{column} < datetime('now', '-' || CAST({secondsParameter} AS INTEGER) || ' seconds')";

    internal override async Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // WAL lets readers run beside the one writer; the setting is stored in the file.
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal override async Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // BEGIN IMMEDIATE takes the write lock up front: a second process waits (busy_timeout) instead of racing.
        var sqlite = (SqliteConnection)connection;
        return await Task.FromResult<DbTransaction>(sqlite.BeginTransaction(deferred: false));
    }
}
