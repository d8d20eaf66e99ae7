using System.Collections.Immutable;
using Instances.Abstractions;
using Instances.Grains.Hosting;
using Instances.Grains.Projection;

namespace Instances.Grains.Types;

/// <inheritdoc cref="IInstanceTypeGrain"/>
public sealed class InstanceTypeGrain(
    [PersistentState(StorageNames.InstanceType, StorageNames.Provider)] IPersistentState<InstanceTypeState> state,
    IInstanceIndex instances,
    TimeProvider time)
    : Grain, IInstanceTypeGrain
{
    private Guid Id => this.GetPrimaryKey();

    public async Task<InstanceTypeSnapshot?> CreateAsync(InstanceTypeDefinition definition)
    {
        if (state.State.Type is not null)
        {
            return null;
        }

        var created = new InstanceTypeSnapshot(
            Id, definition.Name, definition.Description, definition.IsPublic, definition.ExtraSpecs, time.GetUtcNow(), null);
        return await SaveAsync(created);
    }

    public Task<InstanceTypeSnapshot?> GetAsync() => Task.FromResult(state.State.Type);

    public async Task<InstanceTypeSnapshot?> UpdateAsync(InstanceTypeUpdate update)
    {
        if (state.State.Type is not { } current)
        {
            return null;
        }

        return await SaveAsync(Changed(current) with
        {
            Name = update.Name ?? current.Name,
            Description = update.HasDescription ? update.Description : current.Description,
            IsPublic = update.IsPublic ?? current.IsPublic,
        });
    }

    public async Task<InstanceTypeSnapshot?> MergeExtraSpecsAsync(ImmutableSortedDictionary<string, string> specs)
    {
        if (state.State.Type is not { } current)
        {
            return null;
        }

        return await SaveAsync(Changed(current) with { ExtraSpecs = current.ExtraSpecs.SetItems(specs) });
    }

    public async Task<Outcome> RemoveExtraSpecAsync(string key)
    {
        if (state.State.Type is not { } current)
        {
            return new Outcome(OutcomeKind.NotFound, $"InstanceType {Id} could not be found.");
        }

        if (!current.ExtraSpecs.ContainsKey(key))
        {
            return new Outcome(OutcomeKind.NotFound, $"Extra spec '{key}' of instance type {Id} could not be found.");
        }

        await SaveAsync(Changed(current) with { ExtraSpecs = current.ExtraSpecs.Remove(key) });
        return Outcome.Accepted;
    }

    public async Task<Outcome> DeleteAsync()
    {
        if (state.State.Type is null)
        {
            return new Outcome(OutcomeKind.NotFound, $"InstanceType {Id} could not be found.");
        }

        // Read from the projection: an instance created in the same instant may slip past (documented).
        var users = await instances.CountByTypeAsync(Id);
        if (users > 0)
        {
            return new Outcome(OutcomeKind.Conflict, $"InstanceType {Id} is in use by {users} instance(s).");
        }

        await state.ClearStateAsync();
        await Catalog.RemoveAsync(Id);
        return Outcome.Accepted;
    }

    private ITypeCatalogGrain Catalog => GrainFactory.GetGrain<ITypeCatalogGrain>(0);

    private InstanceTypeSnapshot Changed(InstanceTypeSnapshot current) => current with { UpdatedAt = time.GetUtcNow() };

    private async Task<InstanceTypeSnapshot> SaveAsync(InstanceTypeSnapshot type)
    {
        state.State.Type = type;
        await state.WriteStateAsync();
        await Catalog.UpsertAsync(type);
        return type;
    }
}
