using System.Collections.Immutable;
using Instances.Abstractions;
using Instances.Abstractions.Events;
using Microsoft.Extensions.Logging;

namespace Instances.Grains.Instances;

/// <summary>The instance grain's side of the live events: every persisted change is told to its project's log and to the all-projects log.</summary>
public sealed partial class InstanceGrain
{
    /// <summary>Tells the change from <paramref name="before"/> to <paramref name="after"/>, if the instance changed at all.</summary>
    private void Announce(
        InstanceSnapshot? before, InstanceSnapshot after, ImmutableArray<InstanceActionRecord> actionsBefore, ImmutableArray<InstanceActionRecord> actionsAfter)
    {
        // A no-op answered 202 is written to the history only: the instance, and so its audience, sees nothing.
        if (before?.Version == after.Version)
        {
            return;
        }

        Tell(InstanceEvent.Of(after, ActionHistory.LatestChange(actionsBefore, actionsAfter), after.UpdatedAt ?? after.CreatedAt));
    }

    private void AnnounceDeleted(InstanceSnapshot last) =>
        Tell(InstanceEvent.Of(last, ActionHistory.Delete, time.GetUtcNow()) with { Deleted = true, Version = last.Version + 1 });

    private void Tell(InstanceEvent change)
    {
        try
        {
            // One-way calls: the state is durable already, and a slow or lost log must not hold the instance up.
            eventLogs.ForProject(change.ProjectId).AppendAsync(change).Ignore();
            eventLogs.All.AppendAsync(change).Ignore();
        }
        catch (Exception failure)
        {
            LogEventLost(logger, failure, Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An event of instance {InstanceId} could not be sent to the event logs")]
    private static partial void LogEventLost(ILogger logger, Exception failure, Guid instanceId);
}
