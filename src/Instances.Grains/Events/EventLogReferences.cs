using System.Collections.Concurrent;
using Instances.Abstractions.Events;

namespace Instances.Grains.Events;

/// <summary>
/// The event-log grain references an instance tells of every change, made once per node and project.
/// <c>GetGrain&lt;IEventLogGrain&gt;(key)</c> resolves the interface's grain type by convention on each
/// call, and twice per change that was about 4 % of what the server allocated under the power workload
/// (dotnet-trace gc-verbose). One reference per project that changed something on this node.
/// </summary>
public sealed class EventLogReferences(IGrainFactory grains)
{
    private readonly ConcurrentDictionary<string, IEventLogGrain> _projects = new(StringComparer.Ordinal);

    public IEventLogGrain All { get; } = grains.GetGrain<IEventLogGrain>(EventLogs.All);

    public IEventLogGrain ForProject(string projectId) =>
        _projects.GetOrAdd(projectId, static (id, factory) => factory.GetGrain<IEventLogGrain>(EventLogs.ForProject(id)), grains);
}
