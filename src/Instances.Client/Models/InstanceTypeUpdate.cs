namespace Instances.Client.Models;

/// <summary>The body of <c>PUT /v1/types/{uuid}</c>: absent (null) members are left as they are.</summary>
public sealed record InstanceTypeUpdate(string? Name = null, string? Description = null, bool? IsPublic = null);
