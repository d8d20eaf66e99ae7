using System.Collections.Immutable;
using System.Diagnostics;
using Instances.Abstractions;
using Instances.Grains.Observability;

namespace Instances.Grains.Driver;

/// <summary>
/// Wraps whichever <see cref="IBareMetalDriver"/> is registered (simulated, Ironic, ...) so every call is
/// timed (<c>instances.driver.duration</c>) and traced (a span named <c>driver {call}</c>), whatever
/// the driver. Registered by <see cref="Hosting.DriverMeasurementExtensions.MeasureBareMetalDriver"/>.
/// </summary>
public sealed class MeasuredDriver(IBareMetalDriver inner, InstancesMetrics metrics) : IBareMetalDriver
{
    public Task<string?> ClaimNodeAsync(string zone, Guid instanceId, IReadOnlyDictionary<string, string> extraSpecs, CancellationToken cancellationToken) =>
        MeasureAsync("claim_node", null, instanceId, () => inner.ClaimNodeAsync(zone, instanceId, extraSpecs, cancellationToken));

    public Task<string?> FindClaimedNodeAsync(string zone, Guid instanceId, CancellationToken cancellationToken) =>
        MeasureAsync("find_claimed_node", null, instanceId, () => inner.FindClaimedNodeAsync(zone, instanceId, cancellationToken));

    public Task ReleaseNodeAsync(string zone, Guid instanceId, CancellationToken cancellationToken) =>
        MeasureAsync("release_node", null, instanceId, () => Done(inner.ReleaseNodeAsync(zone, instanceId, cancellationToken)));

    public Task<ImmutableArray<NetworkPort>> CreatePortsAsync(string nodeId, Guid instanceId, ImmutableArray<NetworkRequest> networks, CancellationToken cancellationToken) =>
        MeasureAsync("create_ports", nodeId, instanceId, () => inner.CreatePortsAsync(nodeId, instanceId, networks, cancellationToken));

    public Task DeletePortsAsync(string nodeId, Guid instanceId, CancellationToken cancellationToken) =>
        MeasureAsync("delete_ports", nodeId, instanceId, () => Done(inner.DeletePortsAsync(nodeId, instanceId, cancellationToken)));

    public Task DeployAsync(string nodeId, Guid imageId, CancellationToken cancellationToken) =>
        MeasureAsync("deploy", nodeId, null, () => Done(inner.DeployAsync(nodeId, imageId, cancellationToken)));

    public Task TeardownAsync(string nodeId, CancellationToken cancellationToken) =>
        MeasureAsync("teardown", nodeId, null, () => Done(inner.TeardownAsync(nodeId, cancellationToken)));

    public Task<PowerState> SetPowerAsync(string nodeId, PowerAction action, Guid operationId, CancellationToken cancellationToken) =>
        MeasureAsync("set_power", nodeId, null, () => inner.SetPowerAsync(nodeId, action, operationId, cancellationToken));

    public Task<PowerState?> GetPowerAsync(string nodeId, CancellationToken cancellationToken) =>
        MeasureAsync("get_power", nodeId, null, () => inner.GetPowerAsync(nodeId, cancellationToken));

    private static async Task<bool> Done(Task call)
    {
        await call;
        return true;
    }

    private async Task<T> MeasureAsync<T>(string call, string? nodeId, Guid? instanceId, Func<Task<T>> work)
    {
        using var span = InstancesActivities.Source.StartActivity($"driver {call}", ActivityKind.Client);
        span?.SetTag("instances.driver.call", call);
        span?.SetTag("instances.node_id", nodeId);
        span?.SetTag("instances.instance_id", instanceId);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await work();
            metrics.DriverCall(call, true, Stopwatch.GetElapsedTime(started));
            return result;
        }
        catch (Exception failure)
        {
            // A cancelled call (a superseded or timed-out operation) is a failure of that call too.
            metrics.DriverCall(call, false, Stopwatch.GetElapsedTime(started));
            span?.SetStatus(ActivityStatusCode.Error, failure.Message);
            span?.AddException(failure);
            throw;
        }
    }
}
