namespace Instances.Grains.Idempotency;

/// <summary>The persisted state of one idempotency key; nothing is remembered while <see cref="InstanceUuid"/> is null.</summary>
[GenerateSerializer, Alias("instances.idempotency-key-state.v1")]
public sealed class IdempotencyKeyState
{
    /// <summary>SHA-256 (hex) of the normalized create request.</summary>
    [Id(0)] public string? RequestHash { get; set; }

    [Id(1)] public Guid? InstanceUuid { get; set; }

    /// <summary>When the key was first used; it expires <see cref="Abstractions.IdempotencyKeys.Lifetime"/> later.</summary>
    [Id(2)] public DateTimeOffset RememberedAt { get; set; }

    /// <summary>The instance grain accepted the create. Until then a retry re-sends the create under the same UUID.</summary>
    [Id(3)] public bool Confirmed { get; set; }
}
