using Instances.Storage.Configuration;
using Instances.StorageTests.Migrations;

namespace Instances.StorageTests.Projection;

public sealed class PostgresProjectionTests : ProjectionContract
{
    protected override Task<StorageSettings> FreshAsync() => FreshDatabases.PostgresAsync();

    [SkippableFact]
    public Task StaleVersionsNeverOverwriteNewer() => StaleVersionsNeverOverwriteNewerAsync();

    [SkippableFact]
    public Task RemovedInstancesAreGone() => RemovedInstancesAreGoneAsync();

    [SkippableFact]
    public Task EveryFilterAndSortPagesLikeThePureOrdering() => EveryFilterAndSortPagesLikeThePureOrderingAsync();
}

public sealed class SqliteProjectionTests : ProjectionContract, IDisposable
{
    private readonly List<IDisposable> _cleanups = [];

    protected override Task<StorageSettings> FreshAsync()
    {
        var (settings, cleanup) = FreshDatabases.Sqlite();
        _cleanups.Add(cleanup);
        return Task.FromResult(settings);
    }

    [Fact]
    public Task StaleVersionsNeverOverwriteNewer() => StaleVersionsNeverOverwriteNewerAsync();

    [Fact]
    public Task RemovedInstancesAreGone() => RemovedInstancesAreGoneAsync();

    [Fact]
    public Task EveryFilterAndSortPagesLikeThePureOrdering() => EveryFilterAndSortPagesLikeThePureOrderingAsync();

    public void Dispose() => _cleanups.ForEach(c => c.Dispose());
}
