namespace Instances.Client.Models;

/// <summary>One entry of an instance's action history; <see cref="Result"/> is null while it runs.</summary>
public sealed record InstanceAction(
    string Action,
    string? RequestId,
    string UserId,
    string ProjectId,
    DateTimeOffset StartTime,
    DateTimeOffset? FinishTime,
    string? Result,
    string? Message);
