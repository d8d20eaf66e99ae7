using System.Collections.Immutable;
using Instances.Abstractions;

namespace Instances.Grains.Instances;

/// <summary>What the driver work of one operation came to.</summary>
[GenerateSerializer, Immutable, Alias("instances.operation-result.v1")]
public sealed record OperationResult(
    [property: Id(0)] bool Succeeded,
    [property: Id(1)] PowerState? Power,
    [property: Id(2)] string? Error = null,
    [property: Id(3)] string? NodeId = null,
    [property: Id(4)] ImmutableArray<NetworkPort> Ports = default)
{
    public static OperationResult Success(PowerState? power, string? nodeId = null, ImmutableArray<NetworkPort> ports = default) =>
        new(true, power, null, nodeId, ports);

    public static OperationResult Failure(string error, PowerState? power = null) => new(false, power, error);
}
