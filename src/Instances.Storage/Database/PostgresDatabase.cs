using System.Data.Common;
using Instances.Storage.Configuration;
using Npgsql;

namespace Instances.Storage.Database;

/// <summary>PostgreSQL through Npgsql: one pooled data source per process.</summary>
public sealed class PostgresDatabase(StorageSettings settings)
    : StorageDatabase(settings, CreateDataSource(settings.ConnectionString))
{
    /// <summary>
    /// Defaults for what the connection string leaves out. Every statement here is one of a few fixed
    /// texts run thousands of times, so preparing them saves PostgreSQL the parse and plan of each
    /// (issue 5's profile: a third of its CPU per transition was outside statement execution). Nothing
    /// here keeps session state (no SET, temp tables or session locks), so the reset a pooled
    /// connection gets on return (DISCARD ALL, which would also drop the prepared statements) is skipped.
    /// </summary>
    internal static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);

        // Npgsql's builder answers ContainsKey for every keyword it knows; what the string says is read from the text.
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(key => key.Replace(" ", string.Empty, StringComparison.Ordinal))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!given.Contains(nameof(builder.MaxAutoPrepare)))
        {
            builder.MaxAutoPrepare = 64;
        }

        if (!given.Contains(nameof(builder.NoResetOnClose)))
        {
            builder.NoResetOnClose = true;
        }

        return NpgsqlDataSource.Create(builder);
    }

    /// <summary>The advisory lock every node takes to migrate, so nodes starting together apply each migration once.</summary>
    internal const long MigrationLockKey = 0x496E_7374_616E_6365; // "Instance"

    public override string Invariant => "Npgsql";

    public override string MigrationFolder => "postgres";

    internal override string JsonParameter(string name) => $"CAST({name} AS jsonb)";

    internal override string JsonMember(string column, string member) => $"{column} ->> '{member}'";

    internal override object Uuid(Guid value) => value;

    internal override bool ProjectsInStateWrites => true;

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
