namespace Instances.Server.Wire;

/// <summary>An instance type as shown (API.md §6).</summary>
public sealed record InstanceTypeBody(
    Guid Uuid,
    string Name,
    string? Description,
    bool IsPublic,
    IReadOnlyDictionary<string, string> ExtraSpecs,
    IReadOnlyList<Link> Links,
    DateTimeOffset CreatedAt,
    DateTimeOffset? UpdatedAt);

/// <summary><c>GET /v1/types</c>.</summary>
public sealed record TypeListBody(IReadOnlyList<InstanceTypeBody> Types);

/// <summary>A type's extra specs.</summary>
public sealed record ExtraSpecsBody(IReadOnlyDictionary<string, string> ExtraSpecs);
