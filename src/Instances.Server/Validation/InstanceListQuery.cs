using Instances.Abstractions;
using Instances.Grains.Projection;
using Microsoft.Extensions.Primitives;

namespace Instances.Server.Validation;

/// <summary>The query string of the instance lists (API.md §4) → an <see cref="InstanceQuery"/>.</summary>
public static class InstanceListQuery
{
    public const int MaxLimit = 1000;

    private static readonly Dictionary<string, InstanceSortKey> SortKeys = new(StringComparer.Ordinal)
    {
        ["created_at"] = InstanceSortKey.CreatedAt,
        ["name"] = InstanceSortKey.Name,
        ["status"] = InstanceSortKey.Status,
        ["updated_at"] = InstanceSortKey.UpdatedAt,
        ["uuid"] = InstanceSortKey.Uuid,
    };

    /// <summary>The query, or null with <paramref name="errors"/> naming each bad parameter.</summary>
    public static async Task<InstanceQuery?> ParseAsync(IQueryCollection q, Caller caller, IInstanceIndex index, ValidationErrors errors)
    {
        var query = new InstanceQuery { ProjectId = Scope(q, caller, errors) };
        if (One(q, "status", errors) is { } status)
        {
            query = StatusNames.TryParseStatus(status, out var s) ? query with { Status = s }
                : Error(query, errors, "status", $"'status' must be one of: {string.Join(", ", StatusNames.Statuses)}.");
        }

        if (One(q, "power_state", errors) is { } power)
        {
            query = StatusNames.TryParsePowerState(power, out var p) ? query with { PowerState = p }
                : Error(query, errors, "power_state", $"'power_state' must be '{StatusNames.PowerOn}' or '{StatusNames.PowerOff}'.");
        }

        query = query with { Name = One(q, "name", errors), AvailabilityZone = One(q, "availability_zone", errors) };
        if (One(q, "instance_type_uuid", errors) is { } type)
        {
            query = query with { InstanceTypeUuid = Rules.Uuid(errors, "instance_type_uuid", type, required: true) };
        }

        if (One(q, "locked", errors) is { } locked)
        {
            query = query with { Locked = Bool(locked, "locked", errors) };
        }

        if (One(q, "sort_key", errors) is { } sortKey)
        {
            query = SortKeys.TryGetValue(sortKey, out var key) ? query with { SortKey = key }
                : Error(query, errors, "sort_key", $"'sort_key' must be one of: {string.Join(", ", SortKeys.Keys)}.");
        }

        if (One(q, "sort_dir", errors) is { } sortDir)
        {
            query = sortDir is "asc" or "desc" ? query with { Descending = sortDir == "desc" }
                : Error(query, errors, "sort_dir", "'sort_dir' must be 'asc' or 'desc'.");
        }

        if (One(q, "limit", errors) is { } limit)
        {
            // Digits only; a number too big for a long is still just "more than the maximum".
            var digits = limit.Length > 0 && limit.All(char.IsAsciiDigit);
            var n = !digits ? 0 : long.TryParse(limit, System.Globalization.NumberStyles.None, null, out var parsed) ? parsed : long.MaxValue;
            query = n > 0
                ? query with { Limit = (int)Math.Min(n, MaxLimit) }
                : Error(query, errors, "limit", $"'limit' must be a positive integer (at most {MaxLimit} are returned).");
        }

        if (One(q, "marker", errors) is { } marker && Rules.Uuid(errors, "marker", marker, required: true) is { } markerId)
        {
            // Only an instance the caller may see can anchor a page: another project's must not leak its sort position.
            var after = await index.FindAsync(markerId);
            query = after is not null && caller.MayAccess(after.ProjectId) ? query with { After = after }
                : Error(query, errors, "marker", $"'marker' instance {markerId:D} could not be found.");
        }

        return errors.Any ? null : query;
    }

    /// <summary>A member always sees their own project; an admin too, unless they ask for all or another project.</summary>
    internal static string? Scope(IQueryCollection q, Caller caller, ValidationErrors errors)
    {
        if (!caller.IsAdmin)
        {
            return caller.ProjectId; // all_tenants and project_id are ignored for members, as the original did
        }

        if (One(q, "project_id", errors) is { Length: > 0 } project)
        {
            return project;
        }

        return One(q, "all_tenants", errors) is { } all && Bool(all, "all_tenants", errors) == true ? null : caller.ProjectId;
    }

    private static string? One(IQueryCollection q, string name, ValidationErrors errors)
    {
        if (!q.TryGetValue(name, out StringValues values))
        {
            return null;
        }

        if (values.Count > 1)
        {
            errors.Add(name, $"'{name}' may be given only once.");
        }

        return values[0];
    }

    private static bool? Bool(string value, string name, ValidationErrors errors)
    {
        switch (value.ToLowerInvariant())
        {
            case "" or "true" or "1" or "yes":
                return true;
            case "false" or "0" or "no":
                return false;
            default:
                errors.Add(name, $"'{name}' must be true or false.");
                return null;
        }
    }

    private static InstanceQuery Error(InstanceQuery query, ValidationErrors errors, string field, string message)
    {
        errors.Add(field, message);
        return query;
    }
}
