using System.Data.Common;
using Instances.Storage.Configuration;
using Instances.Storage.Migrations;
using Instances.StorageTests.Databases;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Instances.StorageTests;

/// <summary>One database engine the contract tests run against.</summary>
public abstract class Backend : IDisposable
{
    /// <summary>The ADO.NET invariant the Orleans providers are configured with.</summary>
    public abstract string Invariant { get; }

    /// <summary>The storage mode the service runs this engine in.</summary>
    public abstract StorageMode Mode { get; }

    /// <summary>A fresh database migrated to the current schema; returns its connection string.</summary>
    public abstract Task<string> CreateDatabaseAsync();

    protected abstract DbProviderFactory Factory { get; }

    public async Task<object?> ScalarAsync(string connectionString, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = Factory.CreateConnection()!;
        connection.ConnectionString = connectionString;
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        var result = await command.ExecuteScalarAsync();
        return result is DBNull ? null : result;
    }

    public virtual void Dispose() => GC.SuppressFinalize(this);

    /// <summary>Brings a database to the current schema with the service's own migrator.</summary>
    protected static async Task MigrateAsync(StorageMode mode, string connectionString)
    {
        await using var database = Instances.Storage.Database.StorageDatabase.Create(new StorageSettings { Mode = mode, ConnectionString = connectionString });
        await new SchemaMigrator(database, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
    }
}

/// <summary>PostgreSQL on the process-wide private server (skips when PostgreSQL is unavailable).</summary>
public sealed class PostgresBackend : Backend
{
    public override string Invariant => "Npgsql";

    public override StorageMode Mode => StorageMode.PostgreSQL;

    protected override DbProviderFactory Factory => NpgsqlFactory.Instance;

    public override async Task<string> CreateDatabaseAsync()
    {
        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync();
        await MigrateAsync(StorageMode.PostgreSQL, connectionString);
        return connectionString;
    }
}

/// <summary>SQLite files in WAL mode, deleted with the backend.</summary>
public sealed class SqliteBackend : Backend
{
    private readonly List<SqliteDatabase> databases = [];

    public override string Invariant => "System.Data.SQLite";

    public override StorageMode Mode => StorageMode.Sqlite;

    protected override DbProviderFactory Factory => SqliteFactory.Instance;

    public override async Task<string> CreateDatabaseAsync()
    {
        var database = await SqliteDatabase.CreateAsync();
        lock (databases)
        {
            databases.Add(database);
        }

        await MigrateAsync(StorageMode.Sqlite, database.ConnectionString);
        return database.ConnectionString;
    }

    public override void Dispose()
    {
        lock (databases)
        {
            foreach (var database in databases)
            {
                database.Dispose();
            }

            databases.Clear();
        }

        base.Dispose();
    }
}
