using Instances.Grains.Hosting;

namespace Instances.Grains.Simulated;

/// <summary>Persisted claims of one zone: instance → node index.</summary>
[GenerateSerializer, Alias("instances.zone-fleet-state.v1")]
public sealed class ZoneFleetState
{
    [Id(0)] public Dictionary<Guid, int> Claims { get; set; } = [];
}

/// <inheritdoc cref="IZoneFleetGrain"/>
public sealed class ZoneFleetGrain(
    [PersistentState(StorageNames.ZoneFleet, StorageNames.Provider)] IPersistentState<ZoneFleetState> state)
    : Grain, IZoneFleetGrain
{
    private readonly SortedSet<int> _claimed = [];

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _claimed.UnionWith(state.State.Claims.Values);
        return Task.CompletedTask;
    }

    public async Task<string?> ClaimAsync(Guid instanceId, int fleetSize)
    {
        if (state.State.Claims.TryGetValue(instanceId, out var held))
        {
            return NodeName(held);
        }

        var free = FirstFree(fleetSize);
        if (free is null)
        {
            return null;
        }

        state.State.Claims[instanceId] = free.Value;
        _claimed.Add(free.Value);
        await state.WriteStateAsync();
        return NodeName(free.Value);
    }

    public Task<string?> FindAsync(Guid instanceId) =>
        Task.FromResult(state.State.Claims.TryGetValue(instanceId, out var held) ? NodeName(held) : null);

    public async Task ReleaseAsync(Guid instanceId)
    {
        if (state.State.Claims.Remove(instanceId, out var held))
        {
            _claimed.Remove(held);
            await state.WriteStateAsync();
        }
    }

    public Task<SortedDictionary<string, Guid>> ListClaimsAsync() =>
        Task.FromResult(new SortedDictionary<string, Guid>(state.State.Claims.ToDictionary(claim => NodeName(claim.Value), claim => claim.Key), StringComparer.Ordinal));

    public Task<int> CountClaimedAsync() => Task.FromResult(_claimed.Count);

    private int? FirstFree(int fleetSize)
    {
        // Claimed indexes are sorted, so the first gap is the lowest free node.
        var candidate = 0;
        foreach (var index in _claimed)
        {
            if (index != candidate)
            {
                break;
            }

            candidate++;
        }

        return candidate < fleetSize ? candidate : null;
    }

    private string NodeName(int index) => SimulatedNodes.Name(this.GetPrimaryKeyString(), index);
}
