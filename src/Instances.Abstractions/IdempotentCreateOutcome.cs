namespace Instances.Abstractions;

/// <summary>What an idempotent create did.</summary>
public enum IdempotentCreateKind
{
    /// <summary>This request created the instance (201 with the new instance).</summary>
    Created,

    /// <summary>An earlier request with the same key and body created it (201 with the instance as it is now).</summary>
    Replayed,

    /// <summary>The key was used with a different body (409).</summary>
    KeyReused,

    /// <summary>The instance grain refused the create; the key is not remembered.</summary>
    Refused,
}

/// <summary>The outcome of <see cref="IIdempotencyKeyGrain.CreateOnceAsync"/>.</summary>
[GenerateSerializer, Immutable, Alias("instances.idempotent-create-outcome.v1")]
public sealed record IdempotentCreateOutcome(
    [property: Id(0)] IdempotentCreateKind Kind,
    [property: Id(1)] Guid InstanceUuid,
    [property: Id(2)] InstanceOutcome? Created);
