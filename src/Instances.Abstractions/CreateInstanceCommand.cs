using System.Collections.Immutable;

namespace Instances.Abstractions;

/// <summary>A validated create request.</summary>
[GenerateSerializer, Immutable, Alias("instances.create-instance.v1")]
public sealed record CreateInstanceCommand(
    [property: Id(0)] Caller Caller,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Description,
    [property: Id(3)] Guid InstanceTypeUuid,
    [property: Id(4)] Guid ImageUuid,
    [property: Id(5)] string AvailabilityZone,
    [property: Id(6)] ImmutableArray<NetworkRequest> Networks,
    [property: Id(7)] ImmutableSortedDictionary<string, string> Extra);
