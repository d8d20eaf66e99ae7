using Instances.Abstractions;

namespace Instances.Grains.Projection;

/// <summary>
/// What the summary list shows of an instance (API.md §4: uuid, name, description, status,
/// power state; links are built from the uuid). An index can read this much without the whole snapshot.
/// </summary>
public sealed record InstanceSummary(Guid Uuid, string Name, string? Description, InstanceStatus Status, PowerState? PowerState)
{
    public static InstanceSummary Of(InstanceSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new(snapshot.Uuid, snapshot.Name, snapshot.Description, snapshot.Status, snapshot.PowerState);
    }
}

/// <summary>A page of summaries, and whether more remain after it.</summary>
public sealed record InstanceSummaryPage(IReadOnlyList<InstanceSummary> Items, bool HasMore);
