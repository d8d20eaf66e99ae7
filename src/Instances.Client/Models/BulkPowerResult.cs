namespace Instances.Client.Models;

/// <summary>What the single power call would have answered for one instance of a bulk change.</summary>
public sealed record BulkPowerResult(string Uuid, int Status, string Detail);
