using System.Data.Common;
using Instances.Storage.Configuration;

namespace Instances.Storage.Database;

/// <summary>
/// One durable database (PostgreSQL or SQLite): its connection source, shared by the Orleans
/// providers, the projection and the migrator, and the few places where the two dialects differ.
/// </summary>
public abstract class StorageDatabase : IAsyncDisposable
{
    protected StorageDatabase(StorageSettings settings, DbDataSource dataSource)
    {
        Settings = settings;
        DataSource = dataSource;
    }

    public StorageSettings Settings { get; }

    public DbDataSource DataSource { get; }

    /// <summary>The ADO.NET invariant the Orleans providers know this database by.</summary>
    public abstract string Invariant { get; }

    /// <summary>The folder of <c>deploy/</c> (and of the embedded resources) holding this dialect's migrations.</summary>
    public abstract string MigrationFolder { get; }

    /// <summary>A parameter placeholder for a JSON document passed as text.</summary>
    internal abstract string JsonParameter(string name);

    /// <summary>The text of a top-level member of the JSON document in <paramref name="column"/> (NULL when absent).</summary>
    internal abstract string JsonMember(string column, string member);

    /// <summary>A condition: the timestamp <paramref name="column"/> lies more than <paramref name="secondsParameter"/> seconds in the past.</summary>
    internal abstract string OlderThan(string column, string secondsParameter);

    /// <summary>Whether several statements can go in one round trip and one implicit transaction (<see cref="DbBatch"/>).</summary>
    internal virtual bool SupportsBatches => false;

    /// <summary>
    /// Whether an instance's grain-state write also upserts its projection row, in one statement
    /// (<see cref="Projection.ProjectingGrainStorage"/>, registered exactly when this holds).
    /// </summary>
    internal virtual bool ProjectsInStateWrites => false;

    /// <summary>A UUID as this database stores it.</summary>
    internal abstract object Uuid(Guid value);

    /// <summary>Begins the migration transaction, holding whatever lock keeps other nodes out until it ends.</summary>
    internal abstract Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Work that must happen outside any transaction before migrating (SQLite's WAL switch).</summary>
    internal virtual Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    public static StorageDatabase Create(StorageSettings settings) => settings.Mode switch
    {
        StorageMode.PostgreSQL => new PostgresDatabase(settings),
        StorageMode.Sqlite => new SqliteDatabase(settings),
        _ => throw new InvalidOperationException($"Storage mode {settings.Mode} has no database."),
    };

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return DataSource.DisposeAsync();
    }
}
