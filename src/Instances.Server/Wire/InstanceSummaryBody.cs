namespace Instances.Server.Wire;

/// <summary>
/// What <c>GET /v1/instances</c> shows of each instance (<see cref="InstanceBody.SummaryFields"/>), as its
/// own type so the default list is serialised once, straight from the records, in the same shape
/// the <c>fields=</c> projection gives.
/// </summary>
public sealed record InstanceSummaryBody(
    Guid Uuid,
    string Name,
    string? Description,
    string Status,
    string? PowerState,
    IReadOnlyList<Link> Links);
