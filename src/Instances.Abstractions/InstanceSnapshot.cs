using System.Collections.Immutable;

namespace Instances.Abstractions;

/// <summary>
/// The whole of an instance as the grain knows it at one <see cref="Version"/>: what show and
/// the detail list return, and what the list projection stores.
/// </summary>
[GenerateSerializer, Immutable, Alias("instances.instance-snapshot.v1")]
public sealed record InstanceSnapshot
{
    [Id(0)] public required Guid Uuid { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public string? Description { get; init; }
    [Id(3)] public required string ProjectId { get; init; }
    [Id(4)] public required string UserId { get; init; }
    [Id(5)] public required InstanceStatus Status { get; init; }
    [Id(6)] public PowerState? PowerState { get; init; }
    [Id(7)] public PowerState? TargetPowerState { get; init; }
    [Id(8)] public bool Locked { get; init; }
    [Id(9)] public required string AvailabilityZone { get; init; }
    [Id(10)] public required Guid InstanceTypeUuid { get; init; }
    [Id(11)] public required Guid ImageUuid { get; init; }
    [Id(12)] public ImmutableArray<NetworkPort> NetworkInfo { get; init; } = [];
    [Id(13)] public ImmutableSortedDictionary<string, string> Extra { get; init; } = ImmutableSortedDictionary<string, string>.Empty;
    [Id(14)] public Fault? Fault { get; init; }
    [Id(15)] public string? LastError { get; init; }
    [Id(16)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(17)] public DateTimeOffset? UpdatedAt { get; init; }
    [Id(18)] public DateTimeOffset? LaunchedAt { get; init; }
    [Id(19)] public string? NodeId { get; init; }

    /// <summary>Grows by one on every persisted change; lets a projection drop stale updates.</summary>
    [Id(20)] public long Version { get; init; }
}
