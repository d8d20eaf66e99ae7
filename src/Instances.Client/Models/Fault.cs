namespace Instances.Client.Models;

/// <summary>Why an instance is in <c>error</c>.</summary>
public sealed record Fault(int Code, string Message, DateTimeOffset CreatedAt);
