using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Instances.Abstractions;
using Instances.Grains.Hosting;
using Instances.Grains.Projection;
using Instances.Storage.Database;

namespace Instances.Storage.Projection;

/// <summary>
/// The list projection as the <c>instance_summaries</c> table (migration 2): versioned upserts,
/// filters on indexed columns and keyset paging by (sort key, uuid), in the same database as the grains.
/// </summary>
public sealed class SqlInstanceIndex : IInstanceIndex
{
    private readonly StorageDatabase _database;

    /// <summary>Group commit of concurrent publishes where the driver can batch (PostgreSQL); SQLite has one writer anyway.</summary>
    private readonly GroupCommit<InstanceSnapshot, bool>? _batches;

    public SqlInstanceIndex(StorageDatabase database)
    {
        _database = database;
        _upsert = Upsert(database);
        _batches = database.SupportsBatches ? new GroupCommit<InstanceSnapshot, bool>(PublishBatchAsync, writers: 1) : null;
    }

    private const string Columns =
        "uuid, project_id, name, status, power_state, availability_zone, instance_type_uuid, locked, created_at_ticks, updated_at_ticks, version, snapshot";

    /// <summary>Every column but the snapshot, as the parameters <see cref="BindUpsert(DbParameterCollection, Func{DbParameter}, InstanceSnapshot, bool)"/> binds.</summary>
    private const string ColumnParameters =
        "@uuid, @project_id, @name, @status, @power_state, @availability_zone, @instance_type_uuid, @locked, @created_at_ticks, @updated_at_ticks, @version";

    /// <summary>A stale snapshot (lower version) changes nothing, whatever the interleaving.</summary>
    private const string OnlyIfNewer = """
        ON CONFLICT (uuid) DO UPDATE SET
            project_id = excluded.project_id, name = excluded.name, status = excluded.status,
            power_state = excluded.power_state, availability_zone = excluded.availability_zone,
            instance_type_uuid = excluded.instance_type_uuid, locked = excluded.locked,
            created_at_ticks = excluded.created_at_ticks, updated_at_ticks = excluded.updated_at_ticks,
            version = excluded.version, snapshot = excluded.snapshot
        WHERE instance_summaries.version < excluded.version
        """;

    private readonly string _upsert;

    private static string Upsert(StorageDatabase database) =>
        $"INSERT INTO instance_summaries ({Columns}) VALUES ({ColumnParameters}, {database.JsonParameter("@snapshot")}) {OnlyIfNewer}";

    /// <summary>
    /// The versioned upsert as an <c>INSERT … SELECT</c> whose snapshot is <paramref name="snapshot"/>,
    /// an expression over <paramref name="source"/> (a FROM … WHERE clause), for a statement that
    /// writes the projection together with something else.
    /// </summary>
    internal static string UpsertSelecting(string snapshot, string source) =>
        $"INSERT INTO instance_summaries ({Columns}) SELECT {ColumnParameters}, {snapshot} {source} {OnlyIfNewer}";

    /// <summary>
    /// True on PostgreSQL, where <see cref="ProjectingGrainStorage"/> upserts the projection in the
    /// grain-state write's own statement: publishing after a save would only repeat it.
    /// </summary>
    public bool PublishedWithState => _database.ProjectsInStateWrites;

    public Task PublishAsync(InstanceSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return _batches is { } batches ? batches.WriteAsync(snapshot) : PublishOneAsync(snapshot);
    }

    private async Task PublishOneAsync(InstanceSnapshot snapshot)
    {
        await using var command = _database.DataSource.CreateCommand();
        BindUpsert(command, snapshot);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Makes <paramref name="command"/> the versioned upsert of one snapshot (shared with the rebuild).</summary>
    internal void BindUpsert(DbCommand command, InstanceSnapshot snapshot)
    {
        command.CommandText = _upsert;
        BindUpsert(command.Parameters, command.CreateParameter, snapshot);
    }

    /// <summary>The upsert of each snapshot, all in one round trip and one (implicit) transaction.</summary>
    internal async Task<IReadOnlyList<bool>> PublishBatchAsync(IReadOnlyList<InstanceSnapshot> snapshots)
    {
        await using var batch = _database.DataSource.CreateBatch();

        // One order for every node's batches, so two batches never lock the same rows in opposite orders.
        foreach (var snapshot in snapshots.OrderBy(s => s.Uuid).ThenBy(s => s.Version))
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = _upsert;
            BindUpsert(command.Parameters, command.CreateParameter, snapshot);
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync();
        return [.. snapshots.Select(_ => true)];
    }

    /// <summary>Binds the upsert's parameters; without <paramref name="withSnapshot"/> the statement takes the snapshot from elsewhere.</summary>
    internal void BindUpsert(DbParameterCollection parameters, Func<DbParameter> create, InstanceSnapshot snapshot, bool withSnapshot = true)
    {
        void Add(string name, object? value) => parameters.Add(DbCommandExtensions.Named(create(), name, value));

        Add("@uuid", _database.Uuid(snapshot.Uuid));
        Add("@project_id", snapshot.ProjectId);
        Add("@name", snapshot.Name);
        Add("@status", snapshot.Status.ToName());
        parameters.Add(DbCommandExtensions.Named(create(), "@power_state", snapshot.PowerState.ToName(), DbType.String)); // none while building
        Add("@availability_zone", snapshot.AvailabilityZone);
        Add("@instance_type_uuid", _database.Uuid(snapshot.InstanceTypeUuid));
        Add("@locked", snapshot.Locked);
        Add("@created_at_ticks", snapshot.CreatedAt.UtcTicks);
        Add("@updated_at_ticks", snapshot.UpdatedAt?.UtcTicks ?? 0L);
        Add("@version", snapshot.Version);
        if (withSnapshot)
        {
            Add("@snapshot", JsonSerializer.Serialize(snapshot, JsonGrainStateSerializer.Options));
        }
    }

    public async Task RemoveAsync(Guid uuid)
    {
        await using var command = _database.DataSource.CreateCommand("DELETE FROM instance_summaries WHERE uuid = @uuid");
        command.AddParameter("@uuid", _database.Uuid(uuid));
        await command.ExecuteNonQueryAsync();
    }

    public async Task<InstanceSnapshot?> FindAsync(Guid uuid)
    {
        await using var command = _database.DataSource.CreateCommand("SELECT snapshot FROM instance_summaries WHERE uuid = @uuid");
        command.AddParameter("@uuid", _database.Uuid(uuid));
        var found = await ReadAsync(command);
        return found.Count > 0 ? found[0] : null;
    }

    public async Task<InstancePage> QueryAsync(InstanceQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var command = _database.DataSource.CreateCommand();
        command.CommandText = BuildQuery(command, query, "snapshot");
        var items = await ReadAsync(command);
        return new InstancePage(items.Take(query.Limit).ToList(), items.Count > query.Limit);
    }

    /// <summary>The summary's columns only: the snapshot document is neither sent nor parsed, only its description read.</summary>
    public async Task<InstanceSummaryPage> QuerySummariesAsync(InstanceQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var command = _database.DataSource.CreateCommand();
        command.CommandText = BuildQuery(command, query, $"uuid, name, {_database.JsonMember("snapshot", "description")}, status, power_state");
        var items = new List<InstanceSummary>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var status = reader.GetString(3);
                var power = reader.IsDBNull(4) ? null : reader.GetString(4);
                items.Add(new InstanceSummary(
                    reader.GetGuid(0),
                    reader.GetString(1),
                    reader.IsDBNull(2) ? null : reader.GetString(2),
                    StatusNames.TryParseStatus(status, out var parsedStatus) ? parsedStatus : throw Unreadable("status", status),
                    power is null ? null : StatusNames.TryParsePowerState(power, out var parsedPower) ? parsedPower : throw Unreadable("power_state", power)));
            }
        }

        return new InstanceSummaryPage(items.Take(query.Limit).ToList(), items.Count > query.Limit);

        static InvalidDataException Unreadable(string column, string value) => new($"Unknown {column} '{value}' in instance_summaries.");
    }

    public async Task<int> CountAsync()
    {
        await using var command = _database.DataSource.CreateCommand("SELECT COUNT(*) FROM instance_summaries");
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public async Task<int> CountByTypeAsync(Guid instanceTypeUuid)
    {
        await using var command = _database.DataSource.CreateCommand("SELECT COUNT(*) FROM instance_summaries WHERE instance_type_uuid = @type");
        command.AddParameter("@type", _database.Uuid(instanceTypeUuid));
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private string BuildQuery(DbCommand command, InstanceQuery query, string columns)
    {
        var sql = new StringBuilder($"SELECT {columns} FROM instance_summaries WHERE 1 = 1");
        void Filter(string column, object? value)
        {
            if (value is not null)
            {
                sql.Append(CultureInfo.InvariantCulture, $" AND {column} = @{column}");
                command.AddParameter($"@{column}", value);
            }
        }

        Filter("project_id", query.ProjectId);
        Filter("status", query.Status?.ToName());
        Filter("power_state", query.PowerState?.ToName());
        Filter("name", query.Name);
        Filter("availability_zone", query.AvailabilityZone);
        Filter("instance_type_uuid", query.InstanceTypeUuid is { } type ? _database.Uuid(type) : null);
        Filter("locked", query.Locked);

        var (column, markerValue) = SortColumn(query.SortKey, query.After);
        var direction = query.Descending ? "DESC" : "ASC";
        var comparison = query.Descending ? "<" : ">";
        if (query.After is { } after)
        {
            // Keyset paging: strictly after the marker in (sort key, uuid) order.
            sql.Append(column == "uuid"
                ? $" AND uuid {comparison} @after_uuid"
                : $" AND ({column}, uuid) {comparison} (@after_key, @after_uuid)");
            command.AddParameter("@after_key", markerValue);
            command.AddParameter("@after_uuid", _database.Uuid(after.Uuid));
        }

        sql.Append(column == "uuid" ? $" ORDER BY uuid {direction}" : $" ORDER BY {column} {direction}, uuid {direction}");

        // One row more than a page tells whether another page follows.
        sql.Append(CultureInfo.InvariantCulture, $" LIMIT {query.Limit + 1}");
        return sql.ToString();
    }

    private static (string Column, object? MarkerValue) SortColumn(InstanceSortKey key, InstanceSnapshot? after) => key switch
    {
        InstanceSortKey.CreatedAt => ("created_at_ticks", after?.CreatedAt.UtcTicks),
        InstanceSortKey.UpdatedAt => ("updated_at_ticks", after is null ? null : after.UpdatedAt?.UtcTicks ?? 0L),
        InstanceSortKey.Name => ("name", after?.Name),
        InstanceSortKey.Status => ("status", after?.Status.ToName()),
        _ => ("uuid", null),
    };

    private static async Task<List<InstanceSnapshot>> ReadAsync(DbCommand command)
    {
        var items = new List<InstanceSnapshot>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            items.Add(JsonSerializer.Deserialize<InstanceSnapshot>(reader.GetString(0), JsonGrainStateSerializer.Options)!);
        }

        return items;
    }
}
