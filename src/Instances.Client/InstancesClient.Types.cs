using Instances.Client.Models;

namespace Instances.Client;

/// <summary>Instance types, their extra specs, and the availability zones.</summary>
public sealed partial class InstancesClient
{
    /// <summary>Creates a type (admin).</summary>
    public Task<InstanceType> CreateTypeAsync(NewInstanceType type, CancellationToken cancellationToken = default) =>
        ReadAsync<InstanceType>(HttpMethod.Post, "v1/types", type, cancellationToken);

    public async Task<IReadOnlyList<InstanceType>> ListTypesAsync(CancellationToken cancellationToken = default) =>
        (await ReadAsync<TypesBody>(HttpMethod.Get, "v1/types", null, cancellationToken)).Types;

    public Task<InstanceType> GetTypeAsync(Guid id, CancellationToken cancellationToken = default) =>
        ReadAsync<InstanceType>(HttpMethod.Get, $"v1/types/{Id(id)}", null, cancellationToken);

    /// <summary>Changes the given members of a type (admin).</summary>
    public Task<InstanceType> UpdateTypeAsync(Guid id, InstanceTypeUpdate update, CancellationToken cancellationToken = default) =>
        ReadAsync<InstanceType>(HttpMethod.Put, $"v1/types/{Id(id)}", update, cancellationToken);

    /// <summary>Deletes a type (admin); 409 while an instance uses it.</summary>
    public async Task DeleteTypeAsync(Guid id, CancellationToken cancellationToken = default)
    {
        using var _ = await SendAsync(HttpMethod.Delete, $"v1/types/{Id(id)}", null, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, string>> GetExtraSpecsAsync(Guid typeId, CancellationToken cancellationToken = default) =>
        (await ReadAsync<ExtraSpecsBody>(HttpMethod.Get, $"v1/types/{Id(typeId)}/extraspecs", null, cancellationToken)).ExtraSpecs;

    /// <summary>Merges <paramref name="specs"/> into the type's extra specs (admin); answers the merged set.</summary>
    public async Task<IReadOnlyDictionary<string, string>> SetExtraSpecsAsync(
        Guid typeId, IReadOnlyDictionary<string, string> specs, CancellationToken cancellationToken = default) =>
        (await ReadAsync<ExtraSpecsBody>(HttpMethod.Patch, $"v1/types/{Id(typeId)}/extraspecs", specs, cancellationToken)).ExtraSpecs;

    public async Task DeleteExtraSpecAsync(Guid typeId, string key, CancellationToken cancellationToken = default)
    {
        using var _ = await SendAsync(HttpMethod.Delete, $"v1/types/{Id(typeId)}/extraspecs/{Uri.EscapeDataString(key)}", null, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> ListAvailabilityZonesAsync(CancellationToken cancellationToken = default) =>
        (await ReadAsync<ZonesBody>(HttpMethod.Get, "v1/availability_zones", null, cancellationToken)).AvailabilityZones;

    private sealed record TypesBody(IReadOnlyList<InstanceType> Types);

    private sealed record ExtraSpecsBody(IReadOnlyDictionary<string, string> ExtraSpecs);

    private sealed record ZonesBody(IReadOnlyList<string> AvailabilityZones);
}
