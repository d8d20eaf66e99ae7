namespace Instances.Client.Models;

/// <summary>One network an instance is created on.</summary>
public sealed record NetworkRequest(Guid Uuid, string? PortType = null);
