namespace Instances.Abstractions;

/// <summary>The lifecycle status of an instance; the wire spelling is in <see cref="StatusNames"/>.</summary>
public enum InstanceStatus
{
    Building,
    Active,
    Stopped,
    PoweringOn,
    PoweringOff,
    SoftPoweringOff,
    Rebooting,
    SoftRebooting,
    Rebuilding,
    Deleting,
    Error,
}
