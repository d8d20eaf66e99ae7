using System.Text;

namespace Instances.Client.Models;

/// <summary>Filters, paging, sorting and field selection of the instance lists (API.md §4).</summary>
public sealed record InstanceListQuery
{
    public string? Status { get; init; }
    public string? PowerState { get; init; }
    public string? Name { get; init; }
    public string? AvailabilityZone { get; init; }
    public Guid? InstanceTypeUuid { get; init; }
    public bool? Locked { get; init; }

    /// <summary>Admin only: every project's instances.</summary>
    public bool AllTenants { get; init; }

    /// <summary>Admin only: that project's instances.</summary>
    public string? ProjectId { get; init; }
    public int? Limit { get; init; }
    public Guid? Marker { get; init; }
    public string? SortKey { get; init; }
    public string? SortDir { get; init; }
    public IReadOnlyList<string>? Fields { get; init; }

    /// <summary>The query string, with its leading <c>?</c> when not empty.</summary>
    public string ToQueryString()
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        Add("status", Status);
        Add("power_state", PowerState);
        Add("name", Name);
        Add("availability_zone", AvailabilityZone);
        Add("instance_type_uuid", InstanceTypeUuid?.ToString("D"));
        Add("locked", Locked is { } locked ? (locked ? "true" : "false") : null);
        Add("all_tenants", AllTenants ? "true" : null);
        Add("project_id", ProjectId);
        Add("limit", Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("marker", Marker?.ToString("D"));
        Add("sort_key", SortKey);
        Add("sort_dir", SortDir);
        Add("fields", Fields is { Count: > 0 } ? string.Join(',', Fields) : null);
        return parts.Count == 0 ? string.Empty : new StringBuilder("?").AppendJoin('&', parts).ToString();
    }
}
