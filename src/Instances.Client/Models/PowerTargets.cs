namespace Instances.Client.Models;

/// <summary>Wire names of <see cref="PowerTarget"/> and what each ends in.</summary>
public static class PowerTargets
{
    public static string ToWire(this PowerTarget target) => target switch
    {
        PowerTarget.On => "on",
        PowerTarget.Off => "off",
        PowerTarget.Reboot => "reboot",
        PowerTarget.SoftOff => "soft_off",
        PowerTarget.SoftReboot => "soft_reboot",
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, null),
    };

    public static PowerTarget Parse(string wire) => wire.Trim().ToLowerInvariant() switch
    {
        "on" => PowerTarget.On,
        "off" => PowerTarget.Off,
        "reboot" => PowerTarget.Reboot,
        "soft_off" or "soft" => PowerTarget.SoftOff,
        "soft_reboot" => PowerTarget.SoftReboot,
        _ => throw new FormatException($"Unknown power target '{wire}' (on, off, reboot, soft_off, soft_reboot)."),
    };

    /// <summary>The stable status a successful change to <paramref name="target"/> ends in.</summary>
    public static string StableStatus(this PowerTarget target) =>
        target is PowerTarget.Off or PowerTarget.SoftOff ? InstanceStatuses.Stopped : InstanceStatuses.Active;

    /// <summary>The name the action history gives this change.</summary>
    public static string ActionName(this PowerTarget target) => target switch
    {
        PowerTarget.On => "power on",
        PowerTarget.Off => "power off",
        PowerTarget.Reboot => "reboot",
        PowerTarget.SoftOff => "soft power off",
        PowerTarget.SoftReboot => "soft reboot",
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, null),
    };
}
