using Instances.Abstractions;
using Instances.Abstractions.Events;

namespace Instances.Server.Wire;

/// <summary>
/// The <c>data:</c> of one live event (API.md §8): the instance's state summary after the change,
/// what caused it and when. <c>status</c> is <c>deleted</c> once the teardown has finished.
/// </summary>
public sealed record InstanceEventBody(
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
    public const string DeletedStatus = "deleted";

    public static InstanceEventBody From(InstanceEvent e) => new(
        e.Uuid,
        e.ProjectId,
        e.Deleted ? DeletedStatus : e.Status.ToName(),
        e.PowerState.ToName(),
        e.TargetPowerState.ToName(),
        e.Locked,
        e.LastError,
        e.Action,
        e.Version,
        e.ChangedAt);
}
