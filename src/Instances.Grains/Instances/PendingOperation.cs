using Instances.Abstractions;

namespace Instances.Grains.Instances;

/// <summary>The kinds of asynchronous operation an instance runs.</summary>
public enum OperationKind
{
    Build,
    Power,
    Delete,
    Rebuild,
}

/// <summary>
/// An accepted operation, persisted before the request is answered. Its id makes completion
/// idempotent: a result for any other id (a superseded or already finished operation) is ignored.
/// </summary>
[GenerateSerializer, Immutable, Alias("instances.pending-operation.v1")]
public sealed record PendingOperation(
    [property: Id(0)] Guid Id,
    [property: Id(1)] OperationKind Kind,
    [property: Id(2)] PowerAction? PowerAction,
    [property: Id(3)] DateTimeOffset AcceptedAt,
    [property: Id(4)] DateTimeOffset Deadline);
