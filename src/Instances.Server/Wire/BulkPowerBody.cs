namespace Instances.Server.Wire;

/// <summary>The answer of a bulk power change: one result per instance, in request (or list) order.</summary>
public sealed record BulkPowerBody(IReadOnlyList<BulkPowerResult> Results);

/// <summary>What the single <c>PUT .../states/power</c> would have answered for this instance.</summary>
public sealed record BulkPowerResult(string Uuid, int Status, string Detail);
