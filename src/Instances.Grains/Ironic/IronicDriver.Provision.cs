using Instances.Grains.Driver;

namespace Instances.Grains.Ironic;

/// <summary>Deploy and teardown through Ironic's provision states.</summary>
public sealed partial class IronicDriver
{
    /// <summary>
    /// <c>available</c> → image_source, then provision <c>active</c>; a node already on its way (a
    /// resumed deploy) is only waited for. Fake and real deploys may leave the node off: power on after.
    /// An <c>active</c> node with another image is rebuilt (provision <c>rebuild</c>).
    /// </summary>
    public async Task DeployAsync(string nodeId, Guid imageId, CancellationToken cancellationToken)
    {
        var image = imageId.ToString("D");
        var node = await ironic.GetNodeAsync(nodeId, cancellationToken);
        var deployed = node.ProvisionState == "active" && node.InstanceInfoString("image_source") == image;
        if (!deployed && node.ProvisionState is "available" or "active" or "deploy failed")
        {
            await ironic.SetImageSourceAsync(nodeId, image, cancellationToken);
            await ironic.SetProvisionStateAsync(nodeId, node.ProvisionState == "active" ? "rebuild" : "active", cancellationToken);
        }

        node = await WaitNodeAsync(nodeId, n => (n.ProvisionState == "active" && n.TargetProvisionState is null) || IsFailed(n), cancellationToken);
        if (node.ProvisionState != "active")
        {
            throw new DriverException($"Ironic could not deploy image {image} to node {nodeId}: {node.LastError ?? node.ProvisionState}.");
        }

        await EnsurePowerAsync(nodeId, IronicPowerTargets.On, cancellationToken);
    }

    /// <summary>
    /// Provision <c>deleted</c> from a settled state (Ironic cleans if configured and drops the
    /// allocation), waiting out any transition first (a superseded deploy, a resumed teardown); then power off.
    /// </summary>
    public async Task TeardownAsync(string nodeId, CancellationToken cancellationToken)
    {
        var sent = false;
        while (true)
        {
            var node = await WaitNodeAsync(nodeId, n => n.TargetProvisionState is null || IsFailed(n), cancellationToken);
            if (node.ProvisionState == "available")
            {
                break;
            }

            if (sent || node.ProvisionState is not ("active" or "deploy failed" or "error"))
            {
                throw new DriverException($"Ironic could not tear down node {nodeId}: it is '{node.ProvisionState}' ({node.LastError ?? "no error given"}); an operator must look at it.");
            }

            await ironic.SetProvisionStateAsync(nodeId, "deleted", cancellationToken);
            sent = true;
            await WaitNodeAsync(nodeId, n => n.ProvisionState != node.ProvisionState || n.TargetProvisionState is not null, cancellationToken);
        }

        await EnsurePowerAsync(nodeId, IronicPowerTargets.Off, cancellationToken);
    }

    /// <summary>States a transition ends in when it fails; Ironic may leave the target set on them.</summary>
    private static bool IsFailed(IronicNode node) => node.ProvisionState is "deploy failed" or "error" or "clean failed";
}
