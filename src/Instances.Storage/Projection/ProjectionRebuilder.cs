using System.Text.Json;
using Instances.Grains.Hosting;
using Instances.Grains.Instances;
using Instances.Storage.Database;

namespace Instances.Storage.Projection;

/// <summary>
/// Refills <c>instance_summaries</c> from the instance grains' stored state — the truth — in one
/// transaction, so readers see the old projection or the new one, never an empty table. Grains that
/// publish meanwhile are safe: their next publish is a newer version and wins.
/// </summary>
public sealed class ProjectionRebuilder(StorageDatabase database)
{
    /// <summary>Rebuilds; returns how many instances the projection holds afterwards.</summary>
    public async Task<int> RebuildAsync(CancellationToken cancellationToken = default)
    {
        var index = new SqlInstanceIndex(database);
        var snapshots = await ReadInstancesAsync(cancellationToken);

        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var clear = connection.CreateCommand())
        {
            clear.Transaction = transaction;
            clear.CommandText = "DELETE FROM instance_summaries";
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var snapshot in snapshots)
        {
            await using var upsert = connection.CreateCommand();
            upsert.Transaction = transaction;
            index.BindUpsert(upsert, snapshot);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return snapshots.Count;
    }

    private async Task<List<Abstractions.InstanceSnapshot>> ReadInstancesAsync(CancellationToken cancellationToken)
    {
        // Cleared state (a deleted instance) keeps its row with a NULL payload.
        await using var command = database.DataSource.CreateCommand(
            "SELECT CAST(payload AS text) FROM orleans_grain_state WHERE state_name = @state AND payload IS NOT NULL");
        command.AddParameter("@state", StorageNames.Instance);
        var snapshots = new List<Abstractions.InstanceSnapshot>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (JsonSerializer.Deserialize<InstanceState>(reader.GetString(0), JsonGrainStateSerializer.Options)?.Instance is { } instance)
            {
                snapshots.Add(instance);
            }
        }

        return snapshots;
    }
}
