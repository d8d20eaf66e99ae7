namespace Instances.Client.Models;

/// <summary>
/// One live event (<c>GET /v1/instances/{uuid}/events</c>, <c>GET /v1/events</c>): the instance's state
/// summary after a change, what caused it and when. <see cref="Id"/> resumes a stream after this event.
/// </summary>
public sealed record InstanceEvent(
    Guid Uuid,
    string ProjectId,
    string Status,
    string? PowerState,
    string? TargetPowerState,
    bool Locked,
    string? LastError,
    string? Action,
    long Version,
    DateTimeOffset ChangedAt)
{
    /// <summary>The SSE id; give it as <c>lastEventId</c> to resume exactly after this event.</summary>
    public string Id { get; init; } = "";
}
