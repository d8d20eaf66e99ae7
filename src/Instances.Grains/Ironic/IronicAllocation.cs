namespace Instances.Grains.Ironic;

/// <summary>Ironic's allocation (<c>/v1/allocations</c>): a claim on one node matching a resource class and traits.</summary>
public sealed record IronicAllocation
{
    public required string Uuid { get; init; }
    public string? Name { get; init; }

    /// <summary><c>allocating</c>, then <c>active</c> (with a node) or <c>error</c>.</summary>
    public required string State { get; init; }
    public string? NodeUuid { get; init; }
    public string? LastError { get; init; }
}
