using System.Collections.Immutable;
using Instances.Abstractions;
using Instances.Grains.Driver;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Instances.Grains.Instances;

/// <summary>
/// Drives one operation through the bare-metal driver, outside any grain state: it only calls the
/// driver and says how it went. Every call it makes is safe to repeat, because an operation that
/// is resumed after a crash runs again from the start.
/// </summary>
public sealed partial class OperationRunner(
    IBareMetalDriver driver, IGrainFactory grains, TimeProvider time, IHostApplicationLifetime host, ILogger<OperationRunner> logger)
{
    /// <summary>
    /// Runs the operation until it ends or its deadline passes. Null means "not finished here": the
    /// activation is going away (its work was superseded or stopped, or this host is stopping), or an
    /// unexpected error that the next reminder tick retries.
    /// </summary>
    public async Task<OperationResult?> RunAsync(
        InstanceSnapshot instance, ImmutableArray<NetworkRequest> networks, PendingOperation operation, CancellationToken stop)
    {
        // A stopping host gives up its driver waits at once. Orleans deactivates a grain only after its
        // running calls end, and a driver step can take minutes (a 30 s power change held a graceful
        // shutdown past the host's 30 s limit). The operation is durable: the reminder resumes it on
        // whichever silo activates the instance next, and every step is safe to repeat.
        using var leaving = CancellationTokenSource.CreateLinkedTokenSource(stop, host.ApplicationStopping);
        var abandon = leaving.Token;
        var remaining = operation.Deadline - time.GetUtcNow();
        using var deadline = new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(abandon, deadline.Token);
        try
        {
            return operation.Kind switch
            {
                OperationKind.Build => await BuildAsync(instance, networks, abandon, linked.Token),
                OperationKind.Power => OperationResult.Success(await driver.SetPowerAsync(instance.NodeId!, operation.PowerAction!.Value, operation.Id, linked.Token)),
                OperationKind.Rebuild => await RebuildAsync(instance, linked.Token),
                _ => await TeardownAsync(instance, linked.Token),
            };
        }
        catch (OperationCanceledException) when (abandon.IsCancellationRequested)
        {
            return null;
        }
        catch (OperationCanceledException)
        {
            var limit = (operation.Deadline - operation.AcceptedAt).TotalSeconds;
            return await FailAsync(instance, operation, $"{Describe(operation)} timed out after {limit:0.###} s.", abandon);
        }
        catch (DriverException failure)
        {
            return await FailAsync(instance, operation, failure.Message, abandon);
        }
        catch (Exception unexpected) when (!abandon.IsCancellationRequested)
        {
            LogUnexpected(logger, unexpected, operation.Kind, instance.Uuid);
            return null;
        }
    }

    private async Task<OperationResult> BuildAsync(
        InstanceSnapshot instance, ImmutableArray<NetworkRequest> networks, CancellationToken abandon, CancellationToken token)
    {
        // A type in use cannot be deleted, so it is there; its extra specs say what kind of node to claim.
        var type = await grains.GetGrain<IInstanceTypeGrain>(instance.InstanceTypeUuid).GetAsync();
        var specs = type?.ExtraSpecs ?? ImmutableSortedDictionary<string, string>.Empty;
        var node = await driver.ClaimNodeAsync(instance.AvailabilityZone, instance.Uuid, specs, token);
        if (node is null)
        {
            return OperationResult.Failure($"No valid host was found. No free node in availability zone '{instance.AvailabilityZone}'.");
        }

        // A delete that superseded this build may already have released the instance's node;
        // a claim that lands after it would leak the node, so give it back. (When the activation
        // merely went away, the resumed build claims again.)
        if (abandon.IsCancellationRequested)
        {
            await driver.ReleaseNodeAsync(instance.AvailabilityZone, instance.Uuid, CancellationToken.None);
            abandon.ThrowIfCancellationRequested();
        }
        var ports = await driver.CreatePortsAsync(node, instance.Uuid, networks, token);
        await driver.DeployAsync(node, instance.ImageUuid, token);
        return OperationResult.Success(PowerState.On, node, ports);
    }

    private async Task<OperationResult> RebuildAsync(InstanceSnapshot instance, CancellationToken token)
    {
        if (instance.NodeId is not { } node)
        {
            return OperationResult.Failure(RebuildFailed(instance, "The instance holds no node."));
        }

        // Deploying is idempotent per node: a resumed rebuild writes the same image again.
        await driver.DeployAsync(node, instance.ImageUuid, token);
        return OperationResult.Success(PowerState.On);
    }

    private static string RebuildFailed(InstanceSnapshot instance, string error) =>
        $"Rebuild with image {instance.ImageUuid:D} failed: {error} The disk's contents are unknown: delete the instance and create it again.";

    private async Task<OperationResult> TeardownAsync(InstanceSnapshot instance, CancellationToken token)
    {
        var node = instance.NodeId ?? await driver.FindClaimedNodeAsync(instance.AvailabilityZone, instance.Uuid, token);
        if (node is not null)
        {
            await driver.DeletePortsAsync(node, instance.Uuid, token);
            await driver.TeardownAsync(node, token);
        }

        await driver.ReleaseNodeAsync(instance.AvailabilityZone, instance.Uuid, token);
        return OperationResult.Success(null);
    }

    private async Task<OperationResult> FailAsync(InstanceSnapshot instance, PendingOperation operation, string error, CancellationToken abandon)
    {
        try
        {
            switch (operation.Kind)
            {
                case OperationKind.Build:
                    await ReleaseAfterFailedBuildAsync(instance, abandon);
                    return OperationResult.Failure(error);
                case OperationKind.Rebuild:
                    return OperationResult.Failure(RebuildFailed(instance, error));
                case OperationKind.Power when instance.NodeId is { } node:
                    // Report what the BMC says now, so status can match reality.
                    return OperationResult.Failure(error, await driver.GetPowerAsync(node, abandon));
                default:
                    return OperationResult.Failure(error);
            }
        }
        catch (Exception cleanup) when (cleanup is DriverException or OperationCanceledException && !abandon.IsCancellationRequested)
        {
            return OperationResult.Failure(error);
        }
    }

    private async Task ReleaseAfterFailedBuildAsync(InstanceSnapshot instance, CancellationToken abandon)
    {
        if (await driver.FindClaimedNodeAsync(instance.AvailabilityZone, instance.Uuid, abandon) is { } node)
        {
            await driver.DeletePortsAsync(node, instance.Uuid, abandon);
        }

        await driver.ReleaseNodeAsync(instance.AvailabilityZone, instance.Uuid, abandon);
    }

    private static string Describe(PendingOperation operation) => operation.Kind switch
    {
        OperationKind.Build => "Build",
        OperationKind.Delete => "Teardown",
        OperationKind.Rebuild => "Rebuild",
        _ => $"Power action '{operation.PowerAction?.ToTarget()}'",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Kind} of instance {InstanceId} failed unexpectedly; the next reminder tick retries it")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, OperationKind kind, Guid instanceId);
}
