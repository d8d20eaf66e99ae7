namespace Instances.Client.Models;

/// <summary>The body of a create, <c>POST /v1/instances</c>.</summary>
public sealed record NewInstance
{
    public required string Name { get; init; }
    public string? Description { get; init; }
    public required Guid InstanceTypeUuid { get; init; }
    public required Guid ImageUuid { get; init; }
    public string? AvailabilityZone { get; init; }
    public required IReadOnlyList<NetworkRequest> Networks { get; init; }
    public IReadOnlyDictionary<string, string>? Extra { get; init; }
}
