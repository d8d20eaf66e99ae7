using System.Data.Common;
using Instances.StorageTests.Databases;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Instances.StorageTests;

/// <summary>One database engine the contract tests run against.</summary>
public abstract class Backend : IDisposable
{
    /// <summary>The ADO.NET invariant the Orleans providers are configured with.</summary>
    public abstract string Invariant { get; }

    /// <summary>A fresh database with migration 0001 applied; returns its connection string.</summary>
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
}

/// <summary>PostgreSQL on the process-wide private server (skips when PostgreSQL is unavailable).</summary>
public sealed class PostgresBackend : Backend
{
    public override string Invariant => "Npgsql";

    protected override DbProviderFactory Factory => NpgsqlFactory.Instance;

    public override async Task<string> CreateDatabaseAsync()
    {
        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync();
        await Schema.ApplyPostgresAsync(connectionString);
        return connectionString;
    }
}

/// <summary>SQLite files in WAL mode, deleted with the backend.</summary>
public sealed class SqliteBackend : Backend
{
    private readonly List<SqliteDatabase> databases = [];

    public override string Invariant => "System.Data.SQLite";

    protected override DbProviderFactory Factory => SqliteFactory.Instance;

    public override async Task<string> CreateDatabaseAsync()
    {
        var database = await SqliteDatabase.CreateAsync();
        lock (databases)
        {
            databases.Add(database);
        }

        await Schema.ApplySqliteAsync(database.ConnectionString);
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
