namespace Instances.Abstractions;

/// <summary>How a recorded action ended; null on the record while it runs.</summary>
public enum ActionResult
{
    Success,
    Error,
}

/// <summary>
/// One entry of an instance's action history (<c>GET /v1/instances/{uuid}/actions</c>): what was
/// asked, by whom, in which request, and how it ended. Kept in the instance grain's state.
/// </summary>
[GenerateSerializer, Immutable, Alias("instances.instance-action-record.v1")]
public sealed record InstanceActionRecord
{
    /// <summary>The wire name: <c>create</c>, <c>power on</c>, <c>lock</c>, <c>rebuild</c>, ...</summary>
    [Id(0)] public required string Action { get; init; }
    [Id(1)] public string? RequestId { get; init; }
    [Id(2)] public required string UserId { get; init; }
    [Id(3)] public required string ProjectId { get; init; }
    [Id(4)] public required DateTimeOffset StartTime { get; init; }
    [Id(5)] public DateTimeOffset? FinishTime { get; init; }
    [Id(6)] public ActionResult? Result { get; init; }
    [Id(7)] public string? Message { get; init; }

    /// <summary>The pending operation this action started, so its completion can finish the record.</summary>
    [Id(8)] public Guid? OperationId { get; init; }

    /// <summary>
    /// The entry's place in its instance's history: 1 for the first action, one more for each after
    /// (0 on entries recorded before numbering). Not on the wire; the key under which PostgreSQL mode
    /// keeps each entry in a row of its own rather than in every write of the instance's state.
    /// </summary>
    [Id(9)] public long Sequence { get; init; }
}
