using Instances.Client.Models;

namespace Instances.LoadTest;

/// <summary>A power change the server accepted (202), with the request id its action history records.</summary>
public sealed record AcceptedOperation(Guid Instance, PowerTarget Target, string? RequestId, DateTimeOffset AcceptedAt);
