namespace Instances.Grains.Simulated;

/// <summary>
/// The simulated fleet of one zone, keyed by zone name. Node claims are cluster-wide state, so they
/// go through this grain rather than any silo's memory; it is touched once per build and delete.
/// </summary>
public interface IZoneFleetGrain : IGrainWithStringKey
{
    /// <summary>Claims a free node for the instance, or returns the one it already holds; null when the fleet is exhausted.</summary>
    Task<string?> ClaimAsync(Guid instanceId, int fleetSize);

    /// <summary>The node the instance holds, if any.</summary>
    [ReadOnly]
    Task<string?> FindAsync(Guid instanceId);

    /// <summary>Returns the instance's node to the pool (no-op when it holds none).</summary>
    Task ReleaseAsync(Guid instanceId);

    /// <summary>Every claimed node with the instance holding it, by node name.</summary>
    [ReadOnly]
    Task<SortedDictionary<string, Guid>> ListClaimsAsync();

    /// <summary>How many nodes are claimed.</summary>
    [ReadOnly]
    Task<int> CountClaimedAsync();
}
