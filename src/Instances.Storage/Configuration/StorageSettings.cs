using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace Instances.Storage.Configuration;

/// <summary>
/// The storage choice, read once from configuration at start-up: <c>Instances:Storage</c>,
/// <c>ConnectionStrings:Instances</c> and the SQLite tuning keys. Invalid combinations stop the
/// process with a message that names the key to fix.
/// </summary>
public sealed record StorageSettings
{
    public const string ModeKey = "Instances:Storage";
    public const string ConnectionStringName = "Instances";
    public const string DefaultSqliteFile = "./data/instances.db";

    public required StorageMode Mode { get; init; }

    /// <summary>The database connection string (empty for <see cref="StorageMode.Memory"/>).</summary>
    public string ConnectionString { get; init; } = "";

    public SqliteSynchronous SqliteSynchronous { get; init; } = SqliteSynchronous.Full;

    /// <summary>How long a SQLite connection waits for another writer before failing.</summary>
    public TimeSpan SqliteBusyTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>SQLite connections open at once; the rest wait asynchronously (see <see cref="Sqlite.GatedSqliteDataSource"/>).</summary>
    public int SqliteMaxConnections { get; init; } = 2;

    public bool IsDurable => Mode != StorageMode.Memory;

    public static StorageSettings From(IConfiguration configuration)
    {
        var modeText = configuration[ModeKey];
        StorageMode mode = StorageMode.Sqlite;
        if (!string.IsNullOrWhiteSpace(modeText) && !Enum.TryParse(modeText, ignoreCase: true, out mode))
        {
            throw new StorageConfigurationException(
                $"{ModeKey} is '{modeText}'; expected one of {string.Join(", ", Enum.GetNames<StorageMode>())}.");
        }

        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        var sqlite = configuration.GetSection("Instances:Sqlite");
        return mode switch
        {
            StorageMode.Memory => new StorageSettings { Mode = mode },
            StorageMode.PostgreSQL => new StorageSettings
            {
                Mode = mode,
                ConnectionString = string.IsNullOrWhiteSpace(connectionString)
                    ? throw new StorageConfigurationException(
                        $"{ModeKey}=PostgreSQL needs ConnectionStrings:{ConnectionStringName} (environment: ConnectionStrings__{ConnectionStringName}), an Npgsql connection string.")
                    : connectionString,
            },
            _ => new StorageSettings
            {
                Mode = mode,
                ConnectionString = SqliteConnectionString(connectionString),
                SqliteSynchronous = sqlite.GetValue("Synchronous", SqliteSynchronous.Full),
                SqliteBusyTimeout = sqlite.GetValue("BusyTimeout", TimeSpan.FromSeconds(10)),
                SqliteMaxConnections = Math.Max(1, sqlite.GetValue("MaxConnections", 2)),
            },
        };
    }

    /// <summary>A human-readable "where": the SQLite file or the PostgreSQL host and database, never a password.</summary>
    public string Describe() => Mode switch
    {
        StorageMode.Memory => "Memory",
        StorageMode.Sqlite => $"Sqlite ({new SqliteConnectionStringBuilder(ConnectionString).DataSource})",
        _ => DescribePostgres(ConnectionString),
    };

    private static string DescribePostgres(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL ({builder.Host}:{builder.Port}/{builder.Database})";
    }

    private static string SqliteConnectionString(string? configured)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? $"Data Source={DefaultSqliteFile}" : configured);
        if (string.IsNullOrWhiteSpace(builder.DataSource) || builder.DataSource == ":memory:")
        {
            throw new StorageConfigurationException(
                $"ConnectionStrings:{ConnectionStringName} must name a SQLite file (Data Source=<path>) when {ModeKey} is Sqlite; use {ModeKey}=Memory for a store that does not survive restarts.");
        }

        builder.DataSource = Path.GetFullPath(builder.DataSource);
        builder.Mode = SqliteOpenMode.ReadWriteCreate;
        return builder.ToString();
    }
}
