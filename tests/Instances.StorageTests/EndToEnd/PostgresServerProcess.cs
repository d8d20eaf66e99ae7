using Instances.StorageTests.Databases;

namespace Instances.StorageTests.EndToEnd;

/// <summary>Server processes on PostgreSQL (here, not in <see cref="ServerProcess"/>, which other test projects share without the database helpers).</summary>
public static class PostgresServerProcess
{
    /// <summary>A server (not started) on a new database of the shared PostgreSQL server, with <see cref="ServerProcess.FastSettings"/> and <paramref name="overrides"/>.</summary>
    public static async Task<(ServerProcess Server, string ConnectionString)> OnNewDatabaseAsync(IReadOnlyDictionary<string, string>? overrides = null)
    {
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        var settings = ServerProcess.FastSettings("PostgreSQL", connectionString);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return (new ServerProcess(settings), connectionString);
    }
}
