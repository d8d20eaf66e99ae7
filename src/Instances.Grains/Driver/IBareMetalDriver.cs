using System.Collections.Immutable;
using Instances.Abstractions;

namespace Instances.Grains.Driver;

/// <summary>
/// What the service needs of bare metal (DESIGN.md §3). Every call is idempotent for the same
/// instance, because an operation resumed after a crash repeats the calls it had already made.
/// Failures a user should read are <see cref="DriverException"/>s.
/// </summary>
public interface IBareMetalDriver
{
    /// <summary>
    /// Claims a free node of the zone for the instance (the same one again if it already has one); null
    /// when none is free. <paramref name="extraSpecs"/> are the instance type's (a driver may read the
    /// kind of node to claim from them, as Ironic's <c>resource_class</c>).
    /// </summary>
    Task<string?> ClaimNodeAsync(string zone, Guid instanceId, IReadOnlyDictionary<string, string> extraSpecs, CancellationToken cancellationToken);

    /// <summary>The node the instance holds in the zone, if any.</summary>
    Task<string?> FindClaimedNodeAsync(string zone, Guid instanceId, CancellationToken cancellationToken);

    /// <summary>Gives the instance's node back to the zone's pool.</summary>
    Task ReleaseNodeAsync(string zone, Guid instanceId, CancellationToken cancellationToken);

    /// <summary>Creates one port per requested network, in order.</summary>
    Task<ImmutableArray<NetworkPort>> CreatePortsAsync(string nodeId, Guid instanceId, ImmutableArray<NetworkRequest> networks, CancellationToken cancellationToken);

    /// <summary>Deletes the instance's ports.</summary>
    Task DeletePortsAsync(string nodeId, Guid instanceId, CancellationToken cancellationToken);

    /// <summary>Writes the image to the node and powers it on.</summary>
    Task DeployAsync(string nodeId, Guid imageId, CancellationToken cancellationToken);

    /// <summary>Cleans the node and powers it off.</summary>
    Task TeardownAsync(string nodeId, CancellationToken cancellationToken);

    /// <summary>
    /// Performs a power action and returns the power state the BMC reports after it. The operation id
    /// is the same when a resumed operation asks again, so a driver can tell "already sent" (a reboot
    /// looks the same before and after) and must not send it twice.
    /// </summary>
    Task<PowerState> SetPowerAsync(string nodeId, PowerAction action, Guid operationId, CancellationToken cancellationToken);

    /// <summary>The power state the BMC reports; null when it cannot tell.</summary>
    Task<PowerState?> GetPowerAsync(string nodeId, CancellationToken cancellationToken);
}
