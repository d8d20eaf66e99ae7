namespace Instances.Abstractions.Events;

/// <summary>
/// One change of an instance as the live event streams tell it (API.md §8 "Live events"): its
/// state after the change, the action that caused it and when it happened.
/// </summary>
[GenerateSerializer, Immutable, Alias("instances.instance-event.v1")]
public sealed record InstanceEvent
{
    [Id(0)] public required Guid Uuid { get; init; }
    [Id(1)] public required string ProjectId { get; init; }

    /// <summary>The status after the change; meaningless when <see cref="Deleted"/>.</summary>
    [Id(2)] public InstanceStatus Status { get; init; }
    [Id(3)] public PowerState? PowerState { get; init; }
    [Id(4)] public PowerState? TargetPowerState { get; init; }
    [Id(5)] public string? LastError { get; init; }
    [Id(6)] public bool Locked { get; init; }

    /// <summary>The action-history name of what caused the change (<c>power off</c>, <c>create</c>, ...).</summary>
    [Id(7)] public string? Action { get; init; }
    [Id(8)] public required DateTimeOffset ChangedAt { get; init; }

    /// <summary>The instance's version after the change; a deletion carries the last version plus one.</summary>
    [Id(9)] public long Version { get; init; }

    /// <summary>The teardown finished: the instance is gone.</summary>
    [Id(10)] public bool Deleted { get; init; }

    /// <summary>The event for an instance at <paramref name="snapshot"/>'s state, caused by <paramref name="action"/>.</summary>
    public static InstanceEvent Of(InstanceSnapshot snapshot, string? action, DateTimeOffset changedAt) => new()
    {
        Uuid = snapshot.Uuid,
        ProjectId = snapshot.ProjectId,
        Status = snapshot.Status,
        PowerState = snapshot.PowerState,
        TargetPowerState = snapshot.TargetPowerState,
        LastError = snapshot.LastError,
        Locked = snapshot.Locked,
        Action = action,
        ChangedAt = changedAt,
        Version = snapshot.Version,
    };
}
