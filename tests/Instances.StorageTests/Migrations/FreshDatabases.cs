using Instances.Storage.Configuration;
using Instances.StorageTests.Databases;

namespace Instances.StorageTests.Migrations;

/// <summary>Empty databases of either kind, as <see cref="StorageSettings"/> the service would use.</summary>
public static class FreshDatabases
{
    public static async Task<StorageSettings> PostgresAsync()
    {
        var server = await PostgresServer.SharedAsync();
        return new StorageSettings { Mode = StorageMode.PostgreSQL, ConnectionString = await server.CreateDatabaseAsync() };
    }

    /// <summary>A SQLite file that does not exist yet, in a temp folder removed by the returned disposable.</summary>
    public static (StorageSettings Settings, IDisposable Cleanup) Sqlite()
    {
        var folder = Directory.CreateTempSubdirectory("instances-sqlite-");
        var settings = new StorageSettings { Mode = StorageMode.Sqlite, ConnectionString = $"Data Source={Path.Combine(folder.FullName, "instances.db")};Pooling=False" };
        return (settings, new FolderCleanup(folder));
    }

    private sealed class FolderCleanup(DirectoryInfo folder) : IDisposable
    {
        public void Dispose()
        {
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // a file still open on a slow CI disk is not a test failure
            }
        }
    }
}
