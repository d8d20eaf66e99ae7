using System.Collections.Immutable;

namespace Instances.Abstractions.Events;

/// <summary>
/// The recent events of one project (key <see cref="EventLogs.ForProject"/>) or of all of them
/// (<see cref="EventLogs.All"/>), kept in memory for a few minutes, numbered, and pushed to the
/// observers of the nodes that hold event-stream connections.
/// </summary>
public interface IEventLogGrain : IGrainWithStringKey
{
    /// <summary>Numbers the event, keeps it and pushes it to every subscriber. One-way: an instance never waits for its audience.</summary>
    [OneWay]
    Task AppendAsync(InstanceEvent change);

    /// <summary>
    /// Registers (or renews) <paramref name="observer"/> and, in the same turn, returns the kept events after
    /// <paramref name="after"/> (none when null), so that nothing falls between the backlog and the live pushes.
    /// </summary>
    Task<EventBacklog> SubscribeAsync(IInstanceEventObserver observer, EventPosition? after);

    Task UnsubscribeAsync(IInstanceEventObserver observer);
}

/// <summary>A log's answer to a subscription: its epoch and the kept events after the asked position.</summary>
/// <param name="Complete">False when some events after the asked position are no longer kept (too old, or the log restarted).</param>
/// <param name="Head">The sequence number of the log's newest event (0 when none): where a fresh subscription starts.</param>
[GenerateSerializer, Immutable, Alias("instances.event-backlog.v1")]
public sealed record EventBacklog(
    [property: Id(0)] long Epoch,
    [property: Id(1)] ImmutableArray<LoggedEvent> Events,
    [property: Id(2)] bool Complete,
    [property: Id(3)] long Head);

/// <summary>Where a node's event-stream connections receive the pushes of a log.</summary>
public interface IInstanceEventObserver : IGrainObserver
{
    [OneWay]
    Task OnEventAsync(LoggedEvent change);
}

/// <summary>The keys of the event logs.</summary>
public static class EventLogs
{
    /// <summary>The log of every project's events, for admins with <c>all_tenants</c>.</summary>
    public const string All = "*";

    public static string ForProject(string projectId) => "project/" + projectId;
}
