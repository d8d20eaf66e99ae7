using System.Buffers.Binary;
using Instances.Abstractions;

namespace Instances.Grains.Projection;

/// <summary>
/// The projection kept in <see cref="ShardCount"/> shard grains: writes go to one shard, queries
/// ask every shard for its first page and merge. Works the same with one silo or many.
/// </summary>
public sealed class GrainInstanceIndex(IGrainFactory grains) : IInstanceIndex
{
    /// <summary>Fixed: changing it would move instances between shards.</summary>
    public const int ShardCount = 32;

    public Task PublishAsync(InstanceSnapshot snapshot) => Shard(snapshot.Uuid).UpsertAsync(snapshot);

    public Task RemoveAsync(Guid uuid) => Shard(uuid).RemoveAsync(uuid);

    public Task<InstanceSnapshot?> FindAsync(Guid uuid) => Shard(uuid).FindAsync(uuid);

    public async Task<InstancePage> QueryAsync(InstanceQuery query)
    {
        // Each shard returns one item more than a page, so the merge can tell whether more remain.
        var pages = await Task.WhenAll(AllShards().Select(shard => shard.QueryAsync(query, query.Limit + 1)));
        var merged = InstanceOrdering.Order(pages.SelectMany(page => page), query, query.Limit + 1);
        return new InstancePage(merged.Take(query.Limit).ToList(), merged.Count > query.Limit);
    }

    public async Task<int> CountByTypeAsync(Guid instanceTypeUuid)
    {
        var counts = await Task.WhenAll(AllShards().Select(shard => shard.CountByTypeAsync(instanceTypeUuid)));
        return counts.Sum();
    }

    internal static int ShardOf(Guid uuid) =>
        (int)(BinaryPrimitives.ReadUInt32LittleEndian(uuid.ToByteArray()) % ShardCount);

    private IInstanceIndexShardGrain Shard(Guid uuid) => grains.GetGrain<IInstanceIndexShardGrain>(ShardOf(uuid));

    private IEnumerable<IInstanceIndexShardGrain> AllShards() =>
        Enumerable.Range(0, ShardCount).Select(shard => grains.GetGrain<IInstanceIndexShardGrain>(shard));
}
