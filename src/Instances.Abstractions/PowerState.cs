namespace Instances.Abstractions;

/// <summary>A power state as a BMC reports it. Unknown is represented by a null <c>PowerState?</c>.</summary>
public enum PowerState
{
    On,
    Off,
}
