using System.Collections.Immutable;
using Instances.Abstractions;
using Instances.Grains.Driver;
using Microsoft.Extensions.Options;

namespace Instances.Grains.Simulated;

/// <summary>
/// A bare-metal driver with no hardware: claims go through <see cref="IZoneFleetGrain"/>, power
/// through <see cref="ISimulatedNodeGrain"/>, and each step takes its configured time and may fail
/// at the configured rate.
/// </summary>
public sealed class SimulatedDriver(
    IGrainFactory grains,
    IOptionsMonitor<SimulatedDriverOptions> options,
    TimeProvider time) : IBareMetalDriver
{
    public Task<string?> ClaimNodeAsync(string zone, Guid instanceId, IReadOnlyDictionary<string, string> extraSpecs, CancellationToken cancellationToken) =>
        grains.GetGrain<IZoneFleetGrain>(zone).ClaimAsync(instanceId, options.CurrentValue.NodesPerZone);

    public Task<string?> FindClaimedNodeAsync(string zone, Guid instanceId, CancellationToken cancellationToken) =>
        grains.GetGrain<IZoneFleetGrain>(zone).FindAsync(instanceId);

    public Task ReleaseNodeAsync(string zone, Guid instanceId, CancellationToken cancellationToken) =>
        grains.GetGrain<IZoneFleetGrain>(zone).ReleaseAsync(instanceId);

    public Task<ImmutableArray<NetworkPort>> CreatePortsAsync(
        string nodeId, Guid instanceId, ImmutableArray<NetworkRequest> networks, CancellationToken cancellationToken) =>
        Task.FromResult(networks.Select((network, index) => SimulatedPorts.For(instanceId, index, network)).ToImmutableArray());

    public Task DeletePortsAsync(string nodeId, Guid instanceId, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task DeployAsync(string nodeId, Guid imageId, CancellationToken cancellationToken)
    {
        await StepAsync(options.CurrentValue.DeployDuration, "deploy", nodeId, cancellationToken);
        if (options.CurrentValue.FailingImages.Contains(imageId))
        {
            throw new DriverException($"Image {imageId:D} could not be written to node {nodeId}: its checksum does not match (simulated corrupt image).");
        }

        await Node(nodeId).DeployAsync(imageId);
    }

    public async Task TeardownAsync(string nodeId, CancellationToken cancellationToken)
    {
        await StepAsync(options.CurrentValue.TeardownDuration, "teardown", nodeId, cancellationToken);
        await Node(nodeId).TeardownAsync();
    }

    public async Task<PowerState> SetPowerAsync(string nodeId, PowerAction action, Guid operationId, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var duration = action is PowerAction.Reboot or PowerAction.SoftReboot ? settings.RebootDuration : settings.PowerDuration;
        await StepAsync(duration, "power change", nodeId, cancellationToken);
        return await Node(nodeId).ApplyPowerAsync(action);
    }

    public async Task<PowerState?> GetPowerAsync(string nodeId, CancellationToken cancellationToken) =>
        (await Node(nodeId).GetAsync()).Power;

    private ISimulatedNodeGrain Node(string nodeId) => grains.Reference<ISimulatedNodeGrain>(IdSpan.Create(nodeId));

    private async Task StepAsync(TimeSpan duration, string what, string nodeId, CancellationToken cancellationToken)
    {
        if (duration > TimeSpan.Zero)
        {
            await Task.Delay(duration, time, cancellationToken);
        }

        if (Random.Shared.NextDouble() < options.CurrentValue.FailureRate)
        {
            throw new DriverException($"Simulated {what} failure on node {nodeId}.");
        }
    }
}
