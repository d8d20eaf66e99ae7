using System.Diagnostics;
using Instances.Abstractions;
using Instances.Grains.Instances;

namespace Instances.Grains.Observability;

/// <summary>
/// The service's own spans (activity source <see cref="SourceName"/>): an operation's driver work and
/// each driver call in it. Without a listener (no tracing configured) no activity is created.
/// </summary>
public static class InstancesActivities
{
    public const string SourceName = "Instances";

    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>
    /// The span of one run of an operation's driver work (a grain timer tick), child of the span that
    /// accepted it: timer callbacks do not inherit the caller's activity, so the parent is passed.
    /// </summary>
    internal static Activity? StartOperation(PendingOperation operation, Guid instanceId, ActivityContext parent)
    {
        var span = Source.StartActivity($"operation {operation.Kind.ToString().ToLowerInvariant()}", ActivityKind.Internal, parent);
        span?.SetTag("instances.instance_id", instanceId);
        span?.SetTag("instances.operation_id", operation.Id);
        span?.SetTag("instances.power_action", operation.PowerAction?.ToTarget());
        return span;
    }
}
