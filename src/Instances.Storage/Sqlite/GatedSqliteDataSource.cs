using System.Data.Common;
using System.Globalization;
using Instances.Storage.Configuration;
using Microsoft.Data.Sqlite;

namespace Instances.Storage.Sqlite;

/// <summary>
/// The <see cref="DbDataSource"/> every SQLite user of this service opens connections from (the
/// Orleans ADO.NET providers accept one). Microsoft.Data.Sqlite's "async" methods run synchronously,
/// so each open connection can hold a thread-pool thread while SQLite waits for the disk or for
/// another writer. The gate bounds how many threads can be stuck like that: callers beyond
/// <see cref="StorageSettings.SqliteMaxConnections"/> wait asynchronously for a slot instead of
/// blocking a thread, and grain turns elsewhere keep running. Every connection gets the same pragmas.
/// </summary>
public sealed class GatedSqliteDataSource : DbDataSource
{
    private readonly SemaphoreSlim _gate;
    private readonly string _pragmas;

    public GatedSqliteDataSource(StorageSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ConnectionString = settings.ConnectionString;
        _gate = new SemaphoreSlim(settings.SqliteMaxConnections, settings.SqliteMaxConnections);
        var synchronous = settings.SqliteSynchronous == SqliteSynchronous.Full ? "FULL" : "NORMAL";
        _pragmas = string.Create(CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout = {(long)settings.SqliteBusyTimeout.TotalMilliseconds}; PRAGMA synchronous = {synchronous}; PRAGMA foreign_keys = ON;");
    }

    public override string ConnectionString { get; }

    protected override DbConnection CreateDbConnection() => new GatedSqliteConnection(this, ConnectionString);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gate.Dispose();
        }

        base.Dispose(disposing);
    }

    internal Task EnterAsync(CancellationToken cancellationToken) => _gate.WaitAsync(cancellationToken);

    internal void Enter() => _gate.Wait();

    internal void Leave() => _gate.Release();

    internal void Configure(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
    }
}
