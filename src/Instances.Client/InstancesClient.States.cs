using Instances.Client.Models;

namespace Instances.Client;

/// <summary>States and actions: summary, power, lock, rebuild, bulk power.</summary>
public sealed partial class InstancesClient
{
    public Task<InstanceStates> GetStatesAsync(Guid id, CancellationToken cancellationToken = default) =>
        ReadAsync<InstanceStates>(HttpMethod.Get, $"v1/instances/{Id(id)}/states", null, cancellationToken);

    /// <summary>Starts a power change (202). A transition in progress is a 409 <see cref="InstancesApiException"/>.</summary>
    public Task<Accepted> SetPowerAsync(Guid id, PowerTarget target, int? timeoutSeconds = null, CancellationToken cancellationToken = default) =>
        AcceptAsync(HttpMethod.Put, $"v1/instances/{Id(id)}/states/power", new PowerBody(target.ToWire(), timeoutSeconds), cancellationToken);

    /// <summary>Locks (true) or unlocks (false) an instance (202).</summary>
    public Task<Accepted> SetLockAsync(Guid id, bool locked, CancellationToken cancellationToken = default) =>
        AcceptAsync(HttpMethod.Put, $"v1/instances/{Id(id)}/states/lock", new LockBody(locked), cancellationToken);

    /// <summary>Redeploys an active or stopped instance, on <paramref name="imageUuid"/> when given (202).</summary>
    public Task<Accepted> RebuildAsync(Guid id, Guid? imageUuid = null, CancellationToken cancellationToken = default) =>
        AcceptAsync(HttpMethod.Put, $"v1/instances/{Id(id)}/states/provision", new ProvisionBody("rebuild", imageUuid), cancellationToken);

    /// <summary>One power change on many instances; each result is what the single call would answer.</summary>
    public async Task<IReadOnlyList<BulkPowerResult>> BulkPowerAsync(
        PowerTarget target, IReadOnlyList<Guid> instances, int? timeoutSeconds = null, CancellationToken cancellationToken = default) =>
        (await ReadAsync<BulkBody>(HttpMethod.Post, "v1/instances/actions/power",
            new BulkByIds(target.ToWire(), timeoutSeconds, instances), cancellationToken)).Results;

    /// <summary>One power change on every instance the list filter matches (e.g. <c>{"status": "stopped"}</c>).</summary>
    public async Task<IReadOnlyList<BulkPowerResult>> BulkPowerAsync(
        PowerTarget target, IReadOnlyDictionary<string, object> filter, int? timeoutSeconds = null, CancellationToken cancellationToken = default) =>
        (await ReadAsync<BulkBody>(HttpMethod.Post, "v1/instances/actions/power",
            new BulkByFilter(target.ToWire(), timeoutSeconds, filter), cancellationToken)).Results;

    private sealed record PowerBody(string Target, int? Timeout);

    private sealed record LockBody(bool Target);

    private sealed record ProvisionBody(string Target, Guid? ImageUuid);

    private sealed record BulkByIds(string Target, int? Timeout, IReadOnlyList<Guid> Instances);

    private sealed record BulkByFilter(string Target, int? Timeout, IReadOnlyDictionary<string, object> Filter);

    private sealed record BulkBody(IReadOnlyList<BulkPowerResult> Results);
}
