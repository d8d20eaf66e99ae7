using Instances.Storage.Configuration;
using Instances.Storage.Database;
using Instances.Storage.Migrations;
using Instances.StorageTests.Databases;
using Microsoft.Extensions.Logging.Abstractions;

namespace Instances.StorageTests.Migrations;

/// <summary>
/// Empty databases of either kind, as the <see cref="StorageSettings"/> the service would use. SQLite
/// files live in temp folders removed on dispose; PostgreSQL databases on the shared private server.
/// </summary>
public sealed class FreshDatabases : IDisposable
{
    private readonly List<DirectoryInfo> _folders = [];

    public async Task<StorageSettings> CreateAsync(StorageMode mode)
    {
        if (mode == StorageMode.PostgreSQL)
        {
            var server = await PostgresServer.SharedAsync();
            return new StorageSettings { Mode = mode, ConnectionString = await server.CreateDatabaseAsync() };
        }

        // A file that does not exist yet: the migrator creates it, as on a first start.
        var folder = Directory.CreateTempSubdirectory("instances-sqlite-");
        _folders.Add(folder);
        return new StorageSettings { Mode = mode, ConnectionString = $"Data Source={Path.Combine(folder.FullName, "instances.db")};Pooling=False" };
    }

    /// <summary>A fresh database brought to the current schema by the service's own migrator, opened; the caller disposes it.</summary>
    public async Task<StorageDatabase> CreateMigratedAsync(StorageMode mode)
    {
        var database = StorageDatabase.Create(await CreateAsync(mode));
        await new SchemaMigrator(database, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        return database;
    }

    public void Dispose()
    {
        foreach (var folder in _folders)
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
