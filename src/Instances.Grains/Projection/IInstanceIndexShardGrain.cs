using Instances.Abstractions;

namespace Instances.Grains.Projection;

/// <summary>
/// One shard of the grain-hosted projection, keyed by shard number. Instances are spread over the
/// shards by UUID so no single grain takes every write.
/// </summary>
public interface IInstanceIndexShardGrain : IGrainWithIntegerKey
{
    /// <summary>Records a snapshot unless the shard already has a newer version.</summary>
    Task UpsertAsync(InstanceSnapshot snapshot);

    /// <summary>Forgets an instance.</summary>
    Task RemoveAsync(Guid uuid);

    /// <summary>One instance's snapshot, or null.</summary>
    [ReadOnly]
    Task<InstanceSnapshot?> FindAsync(Guid uuid);

    /// <summary>Up to <paramref name="take"/> matching items after the marker, in order.</summary>
    [ReadOnly]
    Task<List<InstanceSnapshot>> QueryAsync(InstanceQuery query, int take);

    /// <summary>How many instances of the shard use the type.</summary>
    [ReadOnly]
    Task<int> CountByTypeAsync(Guid instanceTypeUuid);
}
