namespace Instances.Server.Wire;

/// <summary>A simulated node as its BMC reports it, with the instance that holds it (null when free).</summary>
public sealed record SimulatedNodeBody(
    string Node,
    Guid? InstanceUuid,
    string PowerState,
    Guid? ImageUuid,
    int Deployments,
    int PowerActions);

/// <summary>The claimed nodes of one zone's simulated fleet.</summary>
public sealed record SimulatedNodeListBody(IReadOnlyList<SimulatedNodeBody> Nodes);

/// <summary>The body of <c>PUT /v1/simulator/nodes/{node}/power</c>: <c>{"power_state": "power on" | "power off"}</c>.</summary>
public sealed class SimulatedPowerRequest
{
    public string? PowerState { get; set; }
}
