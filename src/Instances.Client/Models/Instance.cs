namespace Instances.Client.Models;

/// <summary>
/// An instance (API.md §4). Show, create and the detail list fill every member; the summary list and
/// <c>fields=</c> fill only the members asked for, so all but <see cref="Uuid"/> may be absent.
/// </summary>
public sealed record Instance
{
    public Guid Uuid { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public string? ProjectId { get; init; }
    public string? UserId { get; init; }
    public string? Status { get; init; }
    public string? PowerState { get; init; }
    public string? TargetPowerState { get; init; }
    public bool? Locked { get; init; }
    public string? AvailabilityZone { get; init; }
    public Guid? InstanceTypeUuid { get; init; }
    public Guid? ImageUuid { get; init; }

    /// <summary>Keyed by port UUID.</summary>
    public IReadOnlyDictionary<string, Port>? NetworkInfo { get; init; }
    public IReadOnlyDictionary<string, string>? Extra { get; init; }
    public Fault? Fault { get; init; }
    public IReadOnlyList<Link>? Links { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    public DateTimeOffset? LaunchedAt { get; init; }
}
