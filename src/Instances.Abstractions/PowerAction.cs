namespace Instances.Abstractions;

/// <summary>A requested power change.</summary>
public enum PowerAction
{
    On,
    Off,
    SoftOff,
    Reboot,
    SoftReboot,
}
