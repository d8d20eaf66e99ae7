using Instances.Abstractions;
using Instances.Grains.Hosting;

namespace Instances.Grains.Projection;

/// <summary>The persisted content of one projection shard.</summary>
[GenerateSerializer, Alias("instances.index-shard-state.v1")]
public sealed class IndexShardState
{
    [Id(0)] public Dictionary<Guid, InstanceSnapshot> Items { get; set; } = [];
}

/// <inheritdoc cref="IInstanceIndexShardGrain"/>
public sealed class InstanceIndexShardGrain(
    [PersistentState(StorageNames.IndexShard, StorageNames.Provider)] IPersistentState<IndexShardState> state)
    : Grain, IInstanceIndexShardGrain
{
    public async Task UpsertAsync(InstanceSnapshot snapshot)
    {
        // Versions only grow, so an update that arrives late never overwrites a newer one.
        if (state.State.Items.TryGetValue(snapshot.Uuid, out var known) && known.Version >= snapshot.Version)
        {
            return;
        }

        state.State.Items[snapshot.Uuid] = snapshot;
        await state.WriteStateAsync();
    }

    public async Task RemoveAsync(Guid uuid)
    {
        if (state.State.Items.Remove(uuid))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<InstanceSnapshot?> FindAsync(Guid uuid) => Task.FromResult(state.State.Items.GetValueOrDefault(uuid));

    public Task<List<InstanceSnapshot>> QueryAsync(InstanceQuery query, int take) =>
        Task.FromResult(InstanceOrdering.Select(state.State.Items.Values, query, take));

    public Task<int> CountByTypeAsync(Guid instanceTypeUuid) =>
        Task.FromResult(state.State.Items.Values.Count(item => item.InstanceTypeUuid == instanceTypeUuid));
}
