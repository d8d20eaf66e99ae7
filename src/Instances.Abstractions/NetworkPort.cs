using System.Collections.Immutable;

namespace Instances.Abstractions;

/// <summary>A port the driver created for one requested network (an entry of <c>network_info</c>).</summary>
[GenerateSerializer, Immutable, Alias("instances.network-port.v1")]
public sealed record NetworkPort(
    [property: Id(0)] Guid PortId,
    [property: Id(1)] Guid NetworkId,
    [property: Id(2)] string? PortType,
    [property: Id(3)] string MacAddress,
    [property: Id(4)] ImmutableArray<FixedIp> FixedIps);

/// <summary>A fixed IP address of a port.</summary>
[GenerateSerializer, Immutable, Alias("instances.fixed-ip.v1")]
public sealed record FixedIp(
    [property: Id(0)] string IpAddress,
    [property: Id(1)] Guid SubnetId);
