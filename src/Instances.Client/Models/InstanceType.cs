namespace Instances.Client.Models;

/// <summary>An instance type (API.md §6).</summary>
public sealed record InstanceType(
    Guid Uuid,
    string Name,
    string? Description,
    bool IsPublic,
    IReadOnlyDictionary<string, string> ExtraSpecs,
    IReadOnlyList<Link> Links,
    DateTimeOffset CreatedAt,
    DateTimeOffset? UpdatedAt);
