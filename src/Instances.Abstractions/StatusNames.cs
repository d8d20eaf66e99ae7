using System.Collections.Frozen;

namespace Instances.Abstractions;

/// <summary>The wire spellings of statuses, power states and power targets (API.md §4, §5).</summary>
public static class StatusNames
{
    private static readonly FrozenDictionary<InstanceStatus, string> StatusToName = new Dictionary<InstanceStatus, string>
    {
        [InstanceStatus.Building] = "building",
        [InstanceStatus.Active] = "active",
        [InstanceStatus.Stopped] = "stopped",
        [InstanceStatus.PoweringOn] = "powering-on",
        [InstanceStatus.PoweringOff] = "powering-off",
        [InstanceStatus.SoftPoweringOff] = "soft-powering-off",
        [InstanceStatus.Rebooting] = "rebooting",
        [InstanceStatus.SoftRebooting] = "soft-rebooting",
        [InstanceStatus.Rebuilding] = "rebuilding",
        [InstanceStatus.Deleting] = "deleting",
        [InstanceStatus.Error] = "error",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, InstanceStatus> NameToStatus =
        StatusToName.ToFrozenDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);

    // Our own short names first, then the Ironic spellings that the seed's samples use.
    private static readonly FrozenDictionary<string, PowerAction> TargetToAction = new Dictionary<string, PowerAction>
    {
        ["on"] = PowerAction.On,
        ["off"] = PowerAction.Off,
        ["soft_off"] = PowerAction.SoftOff,
        ["reboot"] = PowerAction.Reboot,
        ["soft_reboot"] = PowerAction.SoftReboot,
        ["power on"] = PowerAction.On,
        ["power off"] = PowerAction.Off,
        ["soft power off"] = PowerAction.SoftOff,
        ["rebooting"] = PowerAction.Reboot,
        ["soft rebooting"] = PowerAction.SoftReboot,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public const string PowerOn = "power on";
    public const string PowerOff = "power off";

    /// <summary>All accepted power targets, for error messages and documentation.</summary>
    public static IEnumerable<string> PowerTargets => TargetToAction.Keys.Order(StringComparer.Ordinal);

    /// <summary>All status names, for error messages and documentation.</summary>
    public static IEnumerable<string> Statuses => StatusToName.Values;

    public static string ToName(this InstanceStatus status) => StatusToName[status];

    public static bool TryParseStatus(string name, out InstanceStatus status) => NameToStatus.TryGetValue(name, out status);

    public static string ToName(this PowerState state) => state == PowerState.On ? PowerOn : PowerOff;

    public static string? ToName(this PowerState? state) => state?.ToName();

    public static bool TryParsePowerState(string name, out PowerState state)
    {
        state = name == PowerOn ? PowerState.On : PowerState.Off;
        return name is PowerOn or PowerOff;
    }

    /// <summary>The short API spelling of a power action (<c>soft_off</c>, ...).</summary>
    public static string ToTarget(this PowerAction action) => action switch
    {
        PowerAction.On => "on",
        PowerAction.Off => "off",
        PowerAction.SoftOff => "soft_off",
        PowerAction.Reboot => "reboot",
        _ => "soft_reboot",
    };

    public static bool TryParsePowerTarget(string target, out PowerAction action) => TargetToAction.TryGetValue(target, out action);
}
