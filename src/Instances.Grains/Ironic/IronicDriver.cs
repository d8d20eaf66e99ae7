using System.Collections.Immutable;
using Instances.Abstractions;
using Instances.Grains.Driver;
using Instances.Grains.Simulated;
using Microsoft.Extensions.Options;

namespace Instances.Grains.Ironic;

/// <summary>
/// The bare-metal driver on OpenStack Ironic (docs/ironic.md). Every call first looks at what Ironic
/// already has (the allocation named after the instance, the node's provision and power state, the
/// operation id on the node), so an operation resumed after a crash carries on rather than repeating.
/// </summary>
public sealed partial class IronicDriver(IronicClient ironic, IOptions<IronicDriverOptions> options, TimeProvider time) : IBareMetalDriver
{
    /// <summary>The instance type extra spec that names the Ironic resource class to claim.</summary>
    public const string ResourceClassSpec = "resource_class";

    public async Task<string?> ClaimNodeAsync(
        string zone, Guid instanceId, IReadOnlyDictionary<string, string> extraSpecs, CancellationToken cancellationToken)
    {
        var resourceClass = extraSpecs.TryGetValue(ResourceClassSpec, out var named) && !string.IsNullOrWhiteSpace(named)
            ? named
            : options.Value.DefaultResourceClass;
        if (await ironic.FindAllocationAsync(instanceId, cancellationToken) is null)
        {
            // False when a racing attempt for the same instance created it first: the same claim then.
            await ironic.CreateAllocationAsync(instanceId, resourceClass, ZoneTraits.For(zone), cancellationToken);
        }

        var allocation = await PollAsync(() => ironic.FindAllocationAsync(instanceId, cancellationToken), a => a is not { State: "allocating" }, cancellationToken);
        switch (allocation)
        {
            case { State: "active", NodeUuid: { } node }:
                return node;
            case { State: "error" } failed when IronicErrors.MeansNoFreeNode(failed.LastError):
                // Free the name, so that a later claim for this instance can try again.
                await ironic.DeleteAllocationAsync(instanceId, cancellationToken);
                return null;
            case null:
                throw new DriverException($"Ironic's allocation for instance {instanceId:D} disappeared while a node was being claimed.");
            default:
                await ironic.DeleteAllocationAsync(instanceId, cancellationToken);
                throw new DriverException($"Ironic could not claim a node of resource class '{resourceClass}' in zone '{zone}': {allocation.LastError ?? allocation.State}.");
        }
    }

    public async Task<string?> FindClaimedNodeAsync(string zone, Guid instanceId, CancellationToken cancellationToken) =>
        (await ironic.FindAllocationAsync(instanceId, cancellationToken))?.NodeUuid;

    /// <summary>
    /// After a failed build the node may still be deployed or <c>deploy failed</c>: it is torn down
    /// first (which also drops the allocation), so it goes back to the pool instead of being stranded.
    /// </summary>
    public async Task ReleaseNodeAsync(string zone, Guid instanceId, CancellationToken cancellationToken)
    {
        if (await ironic.FindAllocationAsync(instanceId, cancellationToken) is { NodeUuid: { } node }
            && (await ironic.GetNodeAsync(node, cancellationToken)).ProvisionState is not ("available" or null))
        {
            await TeardownAsync(node, cancellationToken);
        }

        await ironic.DeleteAllocationAsync(instanceId, cancellationToken);
    }

    /// <summary>
    /// Networking is not Ironic's (the standalone Ironic has the <c>noop</c> network interface and no
    /// Neutron): ports are described the way the simulated driver does, deterministically per instance.
    /// </summary>
    public Task<ImmutableArray<NetworkPort>> CreatePortsAsync(
        string nodeId, Guid instanceId, ImmutableArray<NetworkRequest> networks, CancellationToken cancellationToken) =>
        Task.FromResult(networks.Select((network, index) => SimulatedPorts.For(instanceId, index, network)).ToImmutableArray());

    public Task DeletePortsAsync(string nodeId, Guid instanceId, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<PowerState?> GetPowerAsync(string nodeId, CancellationToken cancellationToken) =>
        IronicPowerTargets.Parse((await ironic.GetNodeAsync(nodeId, cancellationToken)).PowerState);

    /// <summary>Polls until <paramref name="done"/> holds, every <see cref="IronicDriverOptions.PollInterval"/>; the token ends it.</summary>
    private async Task<T> PollAsync<T>(Func<Task<T>> read, Func<T, bool> done, CancellationToken cancellationToken)
    {
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            await Task.Delay(options.Value.PollInterval, time, cancellationToken);
        }
    }

    private Task<IronicNode> WaitNodeAsync(string nodeId, Func<IronicNode, bool> done, CancellationToken cancellationToken) =>
        PollAsync(() => ironic.GetNodeAsync(nodeId, cancellationToken), done, cancellationToken);
}
