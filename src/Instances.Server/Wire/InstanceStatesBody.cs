namespace Instances.Server.Wire;

/// <summary>The state summary of API.md §5: the seed's two power fields plus status, lock and last error.</summary>
public sealed record InstanceStatesBody(string? PowerState, string? TargetPowerState, string Status, bool Locked, string? LastError);
