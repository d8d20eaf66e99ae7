using Instances.Abstractions;

namespace Instances.Grains.Simulated;

/// <summary>What a simulated node's BMC knows, and counters that let tests see repeated work.</summary>
[GenerateSerializer, Immutable, Alias("instances.simulated-node.v1")]
public sealed record SimulatedNodeReport(
    [property: Id(0)] PowerState Power,
    [property: Id(1)] Guid? DeployedImage,
    [property: Id(2)] int Deployments,
    [property: Id(3)] int PowerActions);

/// <summary>
/// One simulated node, keyed by node name: its power state is cluster-wide, like a real BMC's, so
/// every silo's driver sees the same machine.
/// </summary>
public interface ISimulatedNodeGrain : IGrainWithStringKey
{
    /// <summary>Records a finished deploy: the image is on the node and it is powered on.</summary>
    Task DeployAsync(Guid imageId);

    /// <summary>Records a finished teardown: the node is clean and powered off.</summary>
    Task TeardownAsync();

    /// <summary>Records a finished power action and returns the resulting power state.</summary>
    Task<PowerState> ApplyPowerAsync(PowerAction action);

    /// <summary>
    /// Sets the power as someone at the machine would (a button, a PDU): the operator knob that
    /// makes the power sync testable. Counts no power action, since the service asked for none.
    /// </summary>
    Task<SimulatedNodeReport> SetPowerOutOfBandAsync(PowerState power);

    /// <summary>What the BMC reports.</summary>
    [ReadOnly]
    Task<SimulatedNodeReport> GetAsync();
}
