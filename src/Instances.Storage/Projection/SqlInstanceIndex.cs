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
public sealed class SqlInstanceIndex(StorageDatabase database) : IInstanceIndex
{
    private const string Columns =
        "uuid, project_id, name, status, power_state, availability_zone, instance_type_uuid, locked, created_at_ticks, updated_at_ticks, version, snapshot";

    private readonly string _upsert = $"""
        INSERT INTO instance_summaries ({Columns})
        VALUES (@uuid, @project_id, @name, @status, @power_state, @availability_zone, @instance_type_uuid, @locked,
                @created_at_ticks, @updated_at_ticks, @version, {database.JsonParameter("@snapshot")})
        ON CONFLICT (uuid) DO UPDATE SET
            project_id = excluded.project_id, name = excluded.name, status = excluded.status,
            power_state = excluded.power_state, availability_zone = excluded.availability_zone,
            instance_type_uuid = excluded.instance_type_uuid, locked = excluded.locked,
            created_at_ticks = excluded.created_at_ticks, updated_at_ticks = excluded.updated_at_ticks,
            version = excluded.version, snapshot = excluded.snapshot
        WHERE instance_summaries.version < excluded.version
        """;

    public async Task PublishAsync(InstanceSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);

        // One statement: a stale snapshot (lower version) changes nothing, whatever the interleaving.
        await using var command = database.DataSource.CreateCommand();
        BindUpsert(command, snapshot);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Makes <paramref name="command"/> the versioned upsert of one snapshot (shared with the rebuild).</summary>
    internal void BindUpsert(DbCommand command, InstanceSnapshot snapshot)
    {
        command.CommandText = _upsert;
        command.AddParameter("@uuid", database.Uuid(snapshot.Uuid))
            .AddParameter("@project_id", snapshot.ProjectId)
            .AddParameter("@name", snapshot.Name)
            .AddParameter("@status", snapshot.Status.ToName())
            .AddParameter("@power_state", snapshot.PowerState.ToName())
            .AddParameter("@availability_zone", snapshot.AvailabilityZone)
            .AddParameter("@instance_type_uuid", database.Uuid(snapshot.InstanceTypeUuid))
            .AddParameter("@locked", snapshot.Locked)
            .AddParameter("@created_at_ticks", snapshot.CreatedAt.UtcTicks)
            .AddParameter("@updated_at_ticks", snapshot.UpdatedAt?.UtcTicks ?? 0L)
            .AddParameter("@version", snapshot.Version)
            .AddParameter("@snapshot", JsonSerializer.Serialize(snapshot, JsonGrainStateSerializer.Options));
    }

    public async Task RemoveAsync(Guid uuid)
    {
        await using var command = database.DataSource.CreateCommand("DELETE FROM instance_summaries WHERE uuid = @uuid");
        command.AddParameter("@uuid", database.Uuid(uuid));
        await command.ExecuteNonQueryAsync();
    }

    public async Task<InstanceSnapshot?> FindAsync(Guid uuid)
    {
        await using var command = database.DataSource.CreateCommand("SELECT snapshot FROM instance_summaries WHERE uuid = @uuid");
        command.AddParameter("@uuid", database.Uuid(uuid));
        var found = await ReadAsync(command);
        return found.Count > 0 ? found[0] : null;
    }

    public async Task<InstancePage> QueryAsync(InstanceQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var command = database.DataSource.CreateCommand();
        command.CommandText = BuildQuery(command, query);
        var items = await ReadAsync(command);
        return new InstancePage(items.Take(query.Limit).ToList(), items.Count > query.Limit);
    }

    public async Task<int> CountByTypeAsync(Guid instanceTypeUuid)
    {
        await using var command = database.DataSource.CreateCommand("SELECT COUNT(*) FROM instance_summaries WHERE instance_type_uuid = @type");
        command.AddParameter("@type", database.Uuid(instanceTypeUuid));
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private string BuildQuery(DbCommand command, InstanceQuery query)
    {
        var sql = new StringBuilder("SELECT snapshot FROM instance_summaries WHERE 1 = 1");
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
        Filter("instance_type_uuid", query.InstanceTypeUuid is { } type ? database.Uuid(type) : null);
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
            command.AddParameter("@after_uuid", database.Uuid(after.Uuid));
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
