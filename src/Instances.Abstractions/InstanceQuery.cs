namespace Instances.Abstractions;

/// <summary>The sort keys a list may use (API.md §4).</summary>
public enum InstanceSortKey
{
    CreatedAt,
    Name,
    Status,
    UpdatedAt,
    Uuid,
}

/// <summary>A list query over the instance projection; null filters match everything.</summary>
[GenerateSerializer, Immutable, Alias("instances.instance-query.v1")]
public sealed record InstanceQuery
{
    /// <summary>Only this project's instances; null means every project (admin <c>all_tenants</c>).</summary>
    [Id(0)] public string? ProjectId { get; init; }
    [Id(1)] public InstanceStatus? Status { get; init; }
    [Id(2)] public PowerState? PowerState { get; init; }
    [Id(3)] public string? Name { get; init; }
    [Id(4)] public string? AvailabilityZone { get; init; }
    [Id(5)] public Guid? InstanceTypeUuid { get; init; }
    [Id(6)] public bool? Locked { get; init; }
    [Id(7)] public InstanceSortKey SortKey { get; init; } = InstanceSortKey.CreatedAt;
    [Id(8)] public bool Descending { get; init; } = true;
    [Id(9)] public int Limit { get; init; } = 1000;

    /// <summary>The last item of the previous page: results start strictly after it.</summary>
    [Id(10)] public InstanceSnapshot? After { get; init; }
}
