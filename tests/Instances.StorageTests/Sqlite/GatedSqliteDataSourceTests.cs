using Instances.Storage.Configuration;
using Instances.Storage.Sqlite;
using Instances.StorageTests.Migrations;

namespace Instances.StorageTests.Sqlite;

public sealed class GatedSqliteDataSourceTests : IDisposable
{
    private readonly FreshDatabases _databases = new();

    [Fact]
    public async Task AConnectionBeyondTheLimitWaitsWithoutAThreadUntilOneCloses()
    {
        var settings = await _databases.CreateAsync(StorageMode.Sqlite) with { SqliteMaxConnections = 1 };
        await using var source = new GatedSqliteDataSource(settings);
        var first = await source.OpenConnectionAsync();

        // The open would complete synchronously (Microsoft.Data.Sqlite) if the gate let it through.
        var second = source.OpenConnectionAsync().AsTask();
        Assert.False(second.IsCompleted);

        await first.DisposeAsync();
        await using var opened = await second.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(System.Data.ConnectionState.Open, opened.State);
    }

    [Theory]
    [InlineData(SqliteSynchronous.Full, 2L)]
    [InlineData(SqliteSynchronous.Normal, 1L)]
    public async Task EveryConnectionGetsBusyTimeoutAndSynchronous(SqliteSynchronous synchronous, long expected)
    {
        var settings = await _databases.CreateAsync(StorageMode.Sqlite) with { SqliteSynchronous = synchronous, SqliteBusyTimeout = TimeSpan.FromSeconds(7) };
        await using var source = new GatedSqliteDataSource(settings);

        for (var i = 0; i < 2; i++)
        {
            await using var busy = source.CreateCommand("PRAGMA busy_timeout");
            await using var sync = source.CreateCommand("PRAGMA synchronous");
            Assert.Equal(7000L, await busy.ExecuteScalarAsync());
            Assert.Equal(expected, await sync.ExecuteScalarAsync());
        }
    }

    public void Dispose() => _databases.Dispose();
}
