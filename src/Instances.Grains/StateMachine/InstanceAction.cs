using Instances.Abstractions;

namespace Instances.Grains.StateMachine;

/// <summary>Everything a user can ask of an existing instance, as the state machine sees it.</summary>
public enum InstanceAction
{
    PowerOn,
    PowerOff,
    SoftPowerOff,
    Reboot,
    SoftReboot,
    Update,
    Delete,

    /// <summary>Lock or unlock: changes no status, allowed whenever the instance is not being deleted.</summary>
    Lock,

    /// <summary>Redeploy the node with an image: from <c>active</c> or <c>stopped</c>, ending powered on.</summary>
    Rebuild,
}

/// <summary>Maps the API's power actions onto state-machine actions.</summary>
public static class InstanceActions
{
    public static InstanceAction ToInstanceAction(this PowerAction action) => action switch
    {
        PowerAction.On => InstanceAction.PowerOn,
        PowerAction.Off => InstanceAction.PowerOff,
        PowerAction.SoftOff => InstanceAction.SoftPowerOff,
        PowerAction.Reboot => InstanceAction.Reboot,
        PowerAction.SoftReboot => InstanceAction.SoftReboot,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };
}
