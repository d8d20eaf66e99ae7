using System.Globalization;
using Instances.Grains.Hosting;
using Instances.Grains.Instances;
using Instances.Storage.Database;
using Npgsql;
using Orleans.Runtime;
using Orleans.Storage;

namespace Instances.Storage.Projection;

/// <summary>
/// The grain storage of PostgreSQL mode: the stock ADO.NET provider, except that an instance's state
/// write also upserts its row of the list projection, in the same statement (so one round trip and
/// one commit where there were two, issue 5). The projection can then never be behind or ahead of
/// the state it was derived from. Reads, clears and every other grain's state go to the stock provider.
/// </summary>
/// <remarks>
/// The row is the stock provider's (same table, same key: the Guid's two halves as
/// <c>grain_id_n0/n1</c>, same JSON payload from the same serializer), so either can read what
/// the other wrote and the version (ETag) check is the same.
/// </remarks>
internal sealed class ProjectingGrainStorage(
    IGrainStorage stock, StorageDatabase database, SqlInstanceIndex index, IGrainStorageSerializer serializer, string serviceId)
    : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    // The snapshot column is the payload's "instance" member: parsed once, no second serialisation.
    private static readonly string Write = $"""
        WITH doc AS MATERIALIZED (SELECT CAST(convert_from(@payload, 'UTF8') AS jsonb) AS payload),
        first_write AS (
            INSERT INTO orleans_grain_state (service_id, state_name, grain_id_n0, grain_id_n1, grain_id_extension, version, payload)
            SELECT @service_id, @state_name, @n0, @n1, '', 1, doc.payload FROM doc
            WHERE CAST(@expected_version AS integer) IS NULL
            ON CONFLICT (service_id, state_name, grain_id_n0, grain_id_n1, grain_id_extension) DO NOTHING
            RETURNING version),
        next_write AS (
            UPDATE orleans_grain_state AS s
            SET version = s.version + 1, payload = doc.payload, modified_at = now()
            FROM doc
            WHERE s.service_id = @service_id AND s.state_name = @state_name
              AND s.grain_id_n0 = @n0 AND s.grain_id_n1 = @n1 AND s.grain_id_extension = ''
              AND s.version = CAST(@expected_version AS integer)
            RETURNING s.version),
        written AS (SELECT version FROM first_write UNION ALL SELECT version FROM next_write),
        projected AS (
            {SqlInstanceIndex.UpsertSelecting("doc.payload -> 'instance'", "FROM doc WHERE EXISTS (SELECT 1 FROM written)")})
        SELECT version FROM written
        """;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        stock.ReadStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        stock.ClearStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (stateName == StorageNames.Instance
            && grainState.State is InstanceState { Instance: { } snapshot } state
            && grainId.TryGetGuidKey(out var key, out var extension) && extension is null)
        {
            return WriteInstanceAsync(stateName, key, grainState, state, snapshot);
        }

        return stock.WriteStateAsync(stateName, grainId, grainState);
    }

    private async Task WriteInstanceAsync<T>(string stateName, Guid key, IGrainState<T> grainState, InstanceState state, Abstractions.InstanceSnapshot snapshot)
    {
        var halves = key.ToByteArray();
        int? expected = string.IsNullOrWhiteSpace(grainState.ETag) ? null : int.Parse(grainState.ETag, CultureInfo.InvariantCulture);
        await using var command = database.DataSource.CreateCommand(Write);
        command.AddParameter("@payload", serializer.Serialize(state).ToArray());
        command.AddParameter("@service_id", serviceId);
        command.AddParameter("@state_name", stateName);
        command.AddParameter("@n0", BitConverter.ToInt64(halves, 0));
        command.AddParameter("@n1", BitConverter.ToInt64(halves, 8));
        command.AddParameter("@expected_version", expected);
        index.BindUpsert(command.Parameters, command.CreateParameter, snapshot, withSnapshot: false);

        // No row: another activation wrote first (or the row is gone); what this one holds is stale.
        if (await command.ExecuteScalarAsync() is not int version)
        {
            throw new InconsistentStateException(
                $"Version conflict (WriteState): ServiceId={serviceId} State={stateName} GrainId={key} ETag={grainState.ETag}.");
        }

        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public void Participate(ISiloLifecycle lifecycle) => (stock as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);
}
