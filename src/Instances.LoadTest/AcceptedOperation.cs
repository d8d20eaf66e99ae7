using Instances.Client.Models;

namespace Instances.LoadTest;

/// <summary>
/// A power change the server accepted (202), with the request id its action history records.
/// <paramref name="Measured"/> is false for one accepted during the warm-up: verified like any
/// other, left out of the rates and latencies.
/// </summary>
public sealed record AcceptedOperation(Guid Instance, PowerTarget Target, string? RequestId, DateTimeOffset AcceptedAt, bool Measured = true);
