namespace Instances.Client.Models;

/// <summary>One port of an instance's <c>network_info</c>.</summary>
public sealed record Port(Guid Network, string? PortType, string MacAddress, IReadOnlyList<FixedIp> FixedIps);
