using Microsoft.Data.Sqlite;

namespace Instances.StorageTests.Databases;

/// <summary>
/// A SQLite database in a file of its own temp directory, in WAL mode (set here, outside any
/// transaction, as the host will do — the mode is persistent in the file). Dispose clears this
/// database's connection pool and deletes the directory.
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    private readonly string directory;

    private SqliteDatabase(string directory, string connectionString)
    {
        this.directory = directory;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public string FilePath => Path.Combine(directory, "x.db");

    public static async Task<SqliteDatabase> CreateAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "instances-sqlite-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(directory, "x.db"),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        var mode = (string?)await command.ExecuteScalarAsync();
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"SQLite refused WAL mode (got '{mode}').");
        }

        return new SqliteDatabase(directory, connectionString);
    }

    public void Dispose()
    {
        using (var connection = new SqliteConnection(ConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
