using System.Collections.Immutable;
using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Instances.Abstractions;
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
/// The action history is not in that payload but in <c>instance_actions</c> (migration 4), one row
/// per entry: a write upserts only the entries that changed since this activation last read or
/// wrote (an accept adds one, a completion finishes one) and deletes those that fell off the end,
/// in the same statement and under the same version check; a read puts them back.
/// Writes of different instances are group-committed (<see cref="GroupCommit{TItem, TResult}"/>): those that
/// arrive while others are being written go together, one round trip and one commit per batch.
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
            {SqlInstanceIndex.UpsertSelecting("doc.payload -> 'instance'", "FROM doc WHERE EXISTS (SELECT 1 FROM written)")}),
        kept_actions AS (
            INSERT INTO instance_actions (instance_uuid, sequence, record)
            SELECT @uuid, CAST(entry ->> 'sequence' AS bigint), entry
            FROM jsonb_array_elements(CAST(convert_from(@actions, 'UTF8') AS jsonb)) AS entry
            WHERE EXISTS (SELECT 1 FROM written)
            ON CONFLICT (instance_uuid, sequence) DO UPDATE SET record = excluded.record),
        dropped_actions AS (
            DELETE FROM instance_actions
            WHERE instance_uuid = @uuid AND sequence BETWEEN @dropped_first AND @dropped_last AND EXISTS (SELECT 1 FROM written))
        SELECT version FROM written
        """;

    private static readonly PositionalStatement PositionalWrite = new(Write);

    private static readonly string ReadActions =
        $"SELECT record FROM instance_actions WHERE instance_uuid = @uuid ORDER BY sequence DESC LIMIT {ActionHistory.MaxEntries}";

    private const string ClearActions = "DELETE FROM instance_actions WHERE instance_uuid = @uuid";

    /// <summary>
    /// Batches of state writes in flight at a time, each on a connection of its own: enough to keep
    /// PostgreSQL busy while the next batch gathers, few enough that most writes under load share a commit
    /// (before, each in-flight write held a connection and a backend of its own).
    /// </summary>
    private const int Writers = 4;

    /// <summary>
    /// The history each activation's state last read or wrote, by its Orleans state container (one per activation).
    /// One entry per activation, changed in place: a table entry removed and added on every write used up a slot
    /// each time, so the table rebuilt itself every few thousand writes: under the power load its discarded entry arrays
    /// were 2.6 of the 14 MB the heap grew by in 6 s, and 1.6 rather than 2.1 MB now survive each gen0 collection (dotnet-dump, GC events).
    /// </summary>
    private readonly ConditionalWeakTable<object, WrittenActions> _written = [];

    private readonly GroupCommit<Action<DbBatchCommand>, int?> _writes = new(writes => WriteBatchAsync(database, writes), Writers);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await stock.ReadStateAsync(stateName, grainId, grainState);
        if (IsInstance(stateName, grainId, out var key) && grainState.State is InstanceState { Instance: not null } state)
        {
            var kept = await ReadActionsAsync(key);

            // None kept apart: a state written before they were, whose document still holds its
            // entries; remembering none makes the first write move them all.
            state.Actions = kept.IsEmpty ? ActionHistory.Numbered(state.Actions) : kept;
            _written.GetOrCreateValue(grainState).Actions = kept;
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await stock.ClearStateAsync(stateName, grainId, grainState);
        if (IsInstance(stateName, grainId, out var key))
        {
            _written.Remove(grainState);
            await using var command = database.DataSource.CreateCommand(ClearActions);
            command.AddParameter("@uuid", key);
            await command.ExecuteNonQueryAsync();
        }
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (IsInstance(stateName, grainId, out var key) && grainState.State is InstanceState { Instance: { } snapshot } state)
        {
            return WriteInstanceAsync(stateName, key, grainState, state, snapshot);
        }

        return stock.WriteStateAsync(stateName, grainId, grainState);
    }

    private static bool IsInstance(string stateName, GrainId grainId, out Guid key)
    {
        key = default;
        return stateName == StorageNames.Instance && grainId.TryGetGuidKey(out key, out var extension) && extension is null;
    }

    private async Task WriteInstanceAsync<T>(string stateName, Guid key, IGrainState<T> grainState, InstanceState state, InstanceSnapshot snapshot)
    {
        var halves = key.ToByteArray();
        int? expected = string.IsNullOrWhiteSpace(grainState.ETag) ? null : int.Parse(grainState.ETag, CultureInfo.InvariantCulture);
        var actions = state.Actions.IsDefault ? [] : state.Actions;
        var known = _written.GetOrCreateValue(grainState);
        var written = known.Actions;
        var (droppedFirst, droppedLast) = ActionHistory.DroppedSince(written, actions);
        known.Actions = []; // until this write is known to have landed

        var payload = serializer.Serialize(state.WithActions([])).ToArray();
        var changed = JsonSerializer.SerializeToUtf8Bytes(ActionHistory.ChangedSince(written, actions), JsonGrainStateSerializer.Options);
        var answer = await _writes.WriteAsync(command =>
        {
            command.AddParameter("@payload", payload);
            command.AddParameter("@actions", changed);
            command.AddParameter("@dropped_first", droppedFirst);
            command.AddParameter("@dropped_last", droppedLast);
            command.AddParameter("@service_id", serviceId);
            command.AddParameter("@state_name", stateName);
            command.AddParameter("@n0", BitConverter.ToInt64(halves, 0));
            command.AddParameter("@n1", BitConverter.ToInt64(halves, 8));
            command.AddParameter("@expected_version", expected, DbType.Int32);
            index.BindUpsert(command.Parameters, command.CreateParameter, snapshot, withSnapshot: false);
        });

        // No row: another activation wrote first (or the row is gone); what this one holds is stale.
        if (answer is not int version)
        {
            throw new InconsistentStateException(
                $"Version conflict (WriteState): ServiceId={serviceId} State={stateName} GrainId={key} ETag={grainState.ETag}.");
        }

        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
        known.Actions = actions;
    }

    /// <summary>Each write's statement in one batch (one round trip, one implicit transaction); each answers its new version, or no row.</summary>
    private static async Task<IReadOnlyList<int?>> WriteBatchAsync(StorageDatabase database, IReadOnlyList<Action<DbBatchCommand>> writes)
    {
        await using var batch = database.DataSource.CreateBatch();
        foreach (var bind in writes)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = PositionalWrite.Sql;
            bind(command);
            PositionalWrite.Order(command.Parameters);
            batch.BatchCommands.Add(command);
        }

        var versions = new List<int?>(writes.Count);
        await using var reader = await batch.ExecuteReaderAsync();
        do
        {
            versions.Add(await reader.ReadAsync() ? reader.GetInt32(0) : null);
        }
        while (await reader.NextResultAsync());

        return versions.Count == writes.Count ? versions : throw new InvalidOperationException($"{writes.Count} writes answered {versions.Count} results.");
    }

    private async Task<ImmutableArray<InstanceActionRecord>> ReadActionsAsync(Guid key)
    {
        await using var command = database.DataSource.CreateCommand(ReadActions);
        command.AddParameter("@uuid", key);
        await using var reader = await command.ExecuteReaderAsync();
        var entries = ImmutableArray.CreateBuilder<InstanceActionRecord>();
        while (await reader.ReadAsync())
        {
            entries.Add(JsonSerializer.Deserialize<InstanceActionRecord>(reader.GetString(0), JsonGrainStateSerializer.Options)!);
        }

        return entries.ToImmutable();
    }

    /// <summary>Changed only by the activation's own storage calls, which Orleans makes one at a time.</summary>
    private sealed class WrittenActions
    {
        public ImmutableArray<InstanceActionRecord> Actions { get; set; } = [];
    }

    public void Participate(ISiloLifecycle lifecycle) => (stock as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);
}
