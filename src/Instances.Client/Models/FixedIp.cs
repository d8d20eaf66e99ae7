namespace Instances.Client.Models;

/// <summary>A fixed IP of a port.</summary>
public sealed record FixedIp(string IpAddress, Guid SubnetId);
