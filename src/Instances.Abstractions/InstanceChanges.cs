using System.Collections.Immutable;

namespace Instances.Abstractions;

/// <summary>The user-writable attributes after a PATCH was applied to the snapshot at <c>expectedVersion</c>.</summary>
[GenerateSerializer, Immutable, Alias("instances.instance-changes.v1")]
public sealed record InstanceChanges(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Description,
    [property: Id(2)] ImmutableSortedDictionary<string, string> Extra);
