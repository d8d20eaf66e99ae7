using System.Collections.Immutable;

namespace Instances.Abstractions;

/// <summary>An instance type (flavor) as stored and shown.</summary>
[GenerateSerializer, Immutable, Alias("instances.instance-type.v1")]
public sealed record InstanceTypeSnapshot(
    [property: Id(0)] Guid Uuid,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Description,
    [property: Id(3)] bool IsPublic,
    [property: Id(4)] ImmutableSortedDictionary<string, string> ExtraSpecs,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] DateTimeOffset? UpdatedAt);

/// <summary>A validated type create request.</summary>
[GenerateSerializer, Immutable, Alias("instances.instance-type-definition.v1")]
public sealed record InstanceTypeDefinition(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Description,
    [property: Id(2)] bool IsPublic,
    [property: Id(3)] ImmutableSortedDictionary<string, string> ExtraSpecs);

/// <summary>A validated type update: members not given (null, or <c>HasDescription</c> false) are left as they are.</summary>
[GenerateSerializer, Immutable, Alias("instances.instance-type-update.v1")]
public sealed record InstanceTypeUpdate(
    [property: Id(0)] string? Name,
    [property: Id(1)] bool HasDescription,
    [property: Id(2)] string? Description,
    [property: Id(3)] bool? IsPublic);
