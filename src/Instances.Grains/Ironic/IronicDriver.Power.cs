using Instances.Abstractions;
using Instances.Grains.Driver;

namespace Instances.Grains.Ironic;

/// <summary>Power through <c>PUT /v1/nodes/{node}/states/power</c>, idempotent on resume.</summary>
public sealed partial class IronicDriver
{
    /// <summary>The node's <c>extra</c> key holding the id of the last power operation sent for it.</summary>
    public const string PowerRequestKey = "instances_power_request";

    /// <summary>
    /// A transition in flight (<c>target_power_state</c> set) is waited for first. On and off are not
    /// sent when the node is already there, which is all a resumed on/off needs. A reboot looks the
    /// same before and after, so its operation id is written to the node before the request: a node
    /// that already carries it had the request sent (before a crash), and is only waited for.
    /// Completion is <c>target_power_state</c> clearing.
    /// </summary>
    public async Task<PowerState> SetPowerAsync(string nodeId, PowerAction action, Guid operationId, CancellationToken cancellationToken)
    {
        var marker = operationId.ToString("D");
        var node = await WaitSettledAsync(nodeId, cancellationToken);
        var settles = IronicPowerTargets.Settles(action);
        var needed = settles is null ? node.ExtraString(PowerRequestKey) != marker : IronicPowerTargets.Parse(node.PowerState) != settles;
        if (needed)
        {
            if (settles is null)
            {
                // One extra write to Ironic per reboot, none for on/off (bench.sh: it costs throughput).
                await ironic.SetNodeExtraAsync(nodeId, PowerRequestKey, marker, cancellationToken);
            }

            await ironic.SetPowerStateAsync(nodeId, IronicPowerTargets.For(action), PowerTimeoutSeconds, cancellationToken);
            node = await WaitSettledAsync(nodeId, cancellationToken);
        }

        return CheckPower(node, nodeId, action, settles);
    }

    private async Task EnsurePowerAsync(string nodeId, string target, CancellationToken cancellationToken)
    {
        var node = await WaitSettledAsync(nodeId, cancellationToken);
        if (node.PowerState != target)
        {
            await ironic.SetPowerStateAsync(nodeId, target, PowerTimeoutSeconds, cancellationToken);
            node = await WaitSettledAsync(nodeId, cancellationToken);
            if (node.PowerState != target)
            {
                throw new DriverException($"Ironic could not set node {nodeId} to '{target}': {node.LastError ?? $"it is '{node.PowerState}'"}.");
            }
        }
    }

    private Task<IronicNode> WaitSettledAsync(string nodeId, CancellationToken cancellationToken) =>
        WaitNodeAsync(nodeId, n => n.TargetPowerState is null, cancellationToken);

    private int? PowerTimeoutSeconds =>
        options.Value.PowerTimeout > TimeSpan.Zero ? (int)Math.Ceiling(options.Value.PowerTimeout.TotalSeconds) : null;

    private static PowerState CheckPower(IronicNode node, string nodeId, PowerAction action, PowerState? settles)
    {
        var state = IronicPowerTargets.Parse(node.PowerState);
        if (state is null || (settles is { } expected && state != expected) || (settles is null && state != PowerState.On))
        {
            var reason = node.LastError ?? $"the node reports '{node.PowerState ?? "no power state"}'";
            throw new DriverException($"Ironic could not '{IronicPowerTargets.For(action)}' node {nodeId}: {reason}.");
        }

        return state.Value;
    }
}
