using Instances.Abstractions;
using Instances.Grains.StateMachine;

namespace Instances.Grains.Instances;

/// <summary>
/// What an instance looks like once an operation ended (API.md §4, §5), as a pure function so it
/// is tested without a cluster. A successful delete has no "after": the instance is gone.
/// </summary>
public static class OperationCompletion
{
    public static InstanceSnapshot Apply(InstanceSnapshot instance, OperationKind kind, OperationResult result, DateTimeOffset now) =>
        (kind, result.Succeeded) switch
        {
            (OperationKind.Build, true) => instance with
            {
                Status = InstanceStatus.Active,
                PowerState = result.Power,
                NodeId = result.NodeId,
                NetworkInfo = result.Ports.IsDefault ? [] : result.Ports,
                LaunchedAt = now,
                LastError = null,
            },

            // Success or failure, a power change ends in the stable status that matches what the
            // BMC reported last (error when it could not tell), never in a guess.
            (OperationKind.Power, _) => instance with
            {
                Status = InstanceStateMachine.StableStatusFor(result.Power),
                PowerState = result.Power,
                TargetPowerState = null,
                LastError = result.Succeeded ? null : result.Error,
            },
            (OperationKind.Rebuild, true) => instance with
            {
                Status = InstanceStatus.Active,
                PowerState = result.Power,
                TargetPowerState = null,
                LastError = null,
            },
            _ => instance with
            {
                // A failed build, rebuild or teardown: the instance is in error and says why.
                Status = InstanceStatus.Error,
                TargetPowerState = null,
                Fault = new Fault(500, result.Error ?? "Unknown error.", now),
                LastError = result.Error,
            },
        };
}
