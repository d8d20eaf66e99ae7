using System.Text.Json;
using Instances.Abstractions;
using Instances.Grains.Projection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Instances.Server.Validation;

/// <summary>
/// The <c>filter</c> of a bulk power change → the list query it stands for. The members are read as the
/// list's query parameters and parsed by <see cref="InstanceListQuery"/>, so filters and the member scope
/// (<c>all_tenants</c>/<c>project_id</c> ignored for non-admins) are exactly the list's.
/// </summary>
public static class BulkPowerFilter
{
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        "status", "power_state", "name", "availability_zone", "instance_type_uuid", "locked", "all_tenants", "project_id",
    };

    public static async Task<InstanceQuery?> ParseAsync(
        IDictionary<string, JsonElement> filter, Caller caller, IInstanceIndex index, ValidationErrors errors)
    {
        var parameters = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        foreach (var (name, value) in filter)
        {
            if (!Names.Contains(name))
            {
                errors.Add($"filter.{name}", $"'filter.{Rules.Clip(name)}' is not a list filter; use {string.Join(", ", Names)}.");
            }
            else if (value.ValueKind is JsonValueKind.String or JsonValueKind.True or JsonValueKind.False)
            {
                parameters[name] = value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
            }
            else
            {
                errors.Add($"filter.{name}", $"'filter.{name}' must be a string (or a boolean).");
            }
        }

        if (errors.Any)
        {
            return null;
        }

        return await InstanceListQuery.ParseAsync(new QueryCollection(parameters), caller, index, errors);
    }
}
