namespace Instances.Client.Models;

/// <summary>A 202: where to watch the change, and the request id the action history records it under.</summary>
public sealed record Accepted(Uri? Location, string? RequestId);
