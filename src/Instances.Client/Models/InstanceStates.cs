namespace Instances.Client.Models;

/// <summary>The state summary, <c>GET /v1/instances/{uuid}/states</c>.</summary>
public sealed record InstanceStates(string? PowerState, string? TargetPowerState, string Status, bool Locked, string? LastError)
{
    /// <summary>No transition in progress: the status is one an operation ends in.</summary>
    public bool IsStable => TargetPowerState is null && Status is InstanceStatuses.Active or InstanceStatuses.Stopped or InstanceStatuses.Error;
}
