namespace Instances.Abstractions;

/// <summary>
/// The list of instance types. Written only when a type is created, changed or deleted, and read
/// only by <c>GET /v1/types</c>: never on the instance request path, so one grain is enough.
/// </summary>
public interface ITypeCatalogGrain : IGrainWithIntegerKey
{
    /// <summary>Records the current version of a type.</summary>
    Task UpsertAsync(InstanceTypeSnapshot type);

    /// <summary>Forgets a deleted type.</summary>
    Task RemoveAsync(Guid uuid);

    /// <summary>All types, by name.</summary>
    [ReadOnly]
    Task<IReadOnlyList<InstanceTypeSnapshot>> ListAsync();
}
