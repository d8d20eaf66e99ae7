using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Instances.StorageTests.Databases;

/// <summary>
/// Applies the deploy/*/0001_orleans.sql migration the way the migrator will: the whole file as
/// one command inside one transaction. The files are copied next to the test assembly by the
/// project file (deploy/postgres, deploy/sqlite), so this works from any working directory.
/// </summary>
public static class Schema
{
    public static string PostgresFile => Locate("postgres");

    public static string SqliteFile => Locate("sqlite");

    public static async Task ApplyPostgresAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await ApplyAsync(connection, PostgresFile);
    }

    public static async Task ApplySqliteAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await ApplyAsync(connection, SqliteFile);
    }

    private static async Task ApplyAsync(DbConnection connection, string file)
    {
        var sql = await File.ReadAllTextAsync(file);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    private static string Locate(string database)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "deploy", database, "0001_orleans.sql");
        return File.Exists(path) ? path : throw new FileNotFoundException("Migration not copied to the test output.", path);
    }
}
