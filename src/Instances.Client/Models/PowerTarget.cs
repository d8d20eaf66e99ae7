namespace Instances.Client.Models;

/// <summary>The targets of a power change (API.md §5).</summary>
public enum PowerTarget
{
    On,
    Off,
    Reboot,
    SoftOff,
    SoftReboot,
}
