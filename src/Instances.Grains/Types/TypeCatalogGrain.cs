using Instances.Abstractions;
using Instances.Grains.Hosting;

namespace Instances.Grains.Types;

/// <summary>The persisted list of types.</summary>
[GenerateSerializer, Alias("instances.type-catalog-state.v1")]
public sealed class TypeCatalogState
{
    [Id(0)] public Dictionary<Guid, InstanceTypeSnapshot> Types { get; set; } = [];
}

/// <inheritdoc cref="ITypeCatalogGrain"/>
public sealed class TypeCatalogGrain(
    [PersistentState(StorageNames.TypeCatalog, StorageNames.Provider)] IPersistentState<TypeCatalogState> state)
    : Grain, ITypeCatalogGrain
{
    public Task UpsertAsync(InstanceTypeSnapshot type)
    {
        state.State.Types[type.Uuid] = type;
        return state.WriteStateAsync();
    }

    public async Task RemoveAsync(Guid uuid)
    {
        if (state.State.Types.Remove(uuid))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<InstanceTypeSnapshot>> ListAsync() =>
        Task.FromResult<IReadOnlyList<InstanceTypeSnapshot>>(
            state.State.Types.Values.OrderBy(type => type.Name, StringComparer.Ordinal).ThenBy(type => type.Uuid).ToList());
}
