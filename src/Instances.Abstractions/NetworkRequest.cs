namespace Instances.Abstractions;

/// <summary>One requested network of a create request: a port is made on it.</summary>
[GenerateSerializer, Immutable, Alias("instances.network-request.v1")]
public sealed record NetworkRequest(
    [property: Id(0)] Guid NetworkId,
    [property: Id(1)] string? PortType);
