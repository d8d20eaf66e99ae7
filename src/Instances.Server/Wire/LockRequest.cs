namespace Instances.Server.Wire;

/// <summary>The body of <c>PUT /v1/instances/{uuid}/states/lock</c>: true locks, false unlocks.</summary>
public sealed class LockRequest
{
    public bool? Target { get; set; }
}
