using System.Reflection;
using Orleans.Configuration;
using Orleans.Storage;

namespace Instances.StorageTests;

/// <summary>
/// Every query key the restored provider assemblies require is in OrleansQuery. The required set is
/// read from the assemblies themselves (the internal DbStoredQueries properties the providers check
/// at start-up, plus the storage provider's keys), so a provider upgrade that adds a key fails here.
/// </summary>
public abstract class QueryCatalogueContract : IDisposable
{
    protected abstract Backend Backend { get; }

    public void Dispose()
    {
        Backend.Dispose();
        GC.SuppressFinalize(this);
    }

    [SkippableFact]
    public async Task Every_required_query_key_is_present()
    {
        var connectionString = await Backend.CreateDatabaseAsync();
        var required = new[] { typeof(AdoNetClusteringSiloOptions).Assembly, typeof(AdoNetReminderTableOptions).Assembly }
            .SelectMany(assembly => assembly.GetTypes().Where(t => t.Name == "DbStoredQueries"))
            .SelectMany(type => type.GetProperties(BindingFlags.Instance | BindingFlags.NonPublic).Select(p => p.Name))
            .Concat(["WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey", "DeleteStorageKey"])
            .Distinct()
            .ToArray();
        Assert.Contains("GatewaysQueryKey", required);
        Assert.Contains("ReadRangeRows2Key", required);
        Assert.Contains("ReadFromStorageKey", AdoNetGrainStorage.DefaultInitializationQuery, StringComparison.Ordinal);

        foreach (var key in required)
        {
            var count = Convert.ToInt64(
                await Backend.ScalarAsync(connectionString, "SELECT COUNT(*) FROM OrleansQuery WHERE QueryKey = @key", ("key", key)),
                System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(count == 1, $"query key {key} is missing");
        }
    }
}

public sealed class PostgresQueryCatalogueTests : QueryCatalogueContract
{
    protected override Backend Backend { get; } = new PostgresBackend();
}

public sealed class SqliteQueryCatalogueTests : QueryCatalogueContract
{
    protected override Backend Backend { get; } = new SqliteBackend();
}
