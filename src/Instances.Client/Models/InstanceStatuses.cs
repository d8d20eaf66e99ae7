namespace Instances.Client.Models;

/// <summary>The wire names of the statuses an operation ends in.</summary>
public static class InstanceStatuses
{
    public const string Active = "active";
    public const string Stopped = "stopped";
    public const string Error = "error";
    public const string Building = "building";
}
