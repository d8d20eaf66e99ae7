using Instances.Abstractions;

namespace Instances.Grains.Ironic;

/// <summary>Our power actions and states as Ironic spells them.</summary>
public static class IronicPowerTargets
{
    public const string On = "power on";
    public const string Off = "power off";

    /// <summary>The <c>target</c> of <c>PUT /v1/nodes/{node}/states/power</c>.</summary>
    public static string For(PowerAction action) => action switch
    {
        PowerAction.On => On,
        PowerAction.Off => Off,
        PowerAction.SoftOff => "soft power off",
        PowerAction.Reboot => "rebooting",
        PowerAction.SoftReboot => "soft rebooting",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    /// <summary>The state an action leaves the node in; null for reboots, whose before and after are both "on".</summary>
    public static PowerState? Settles(PowerAction action) => action switch
    {
        PowerAction.On => PowerState.On,
        PowerAction.Off or PowerAction.SoftOff => PowerState.Off,
        _ => null,
    };

    /// <summary>Ironic's <c>power_state</c> as ours; null for unknown, <c>error</c> or anything else.</summary>
    public static PowerState? Parse(string? powerState) => powerState switch
    {
        On => PowerState.On,
        Off => PowerState.Off,
        _ => null,
    };
}
