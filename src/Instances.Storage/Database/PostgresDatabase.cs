using System.Data.Common;
using Instances.Storage.Configuration;
using Npgsql;

namespace Instances.Storage.Database;

/// <summary>PostgreSQL through Npgsql: one pooled data source per process.</summary>
public sealed class PostgresDatabase(StorageSettings settings)
    : StorageDatabase(settings, NpgsqlDataSource.Create(settings.ConnectionString))
{
    /// <summary>The advisory lock every node takes to migrate, so nodes starting together apply each migration once.</summary>
    internal const long MigrationLockKey = 0x496E_7374_616E_6365; // "Instance"

    public override string Invariant => "Npgsql";

    public override string MigrationFolder => "postgres";

    internal override string JsonParameter(string name) => $"CAST({name} AS jsonb)";

    internal override object Uuid(Guid value) => value;

    // Npgsql sends a batch in one round trip, as one implicit transaction.
    internal override bool SupportsBatches => true;

    internal override string OlderThan(string column, string secondsParameter) =>
        $"{column} < now() - make_interval(secs => CAST({secondsParameter} AS double precision))";

    internal override async Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;

        // Transaction-scoped: released by commit, rollback, or the connection dying with its node.
        command.CommandText = $"SELECT pg_advisory_xact_lock({MigrationLockKey})";
        await command.ExecuteNonQueryAsync(cancellationToken);
        return transaction;
    }
}
