using System.Collections.Immutable;
using Instances.Abstractions;

namespace Instances.Grains.Instances;

/// <summary>The persisted state of an instance grain; no instance exists while <see cref="Instance"/> is null.</summary>
[GenerateSerializer, Alias("instances.instance-state.v1")]
public sealed class InstanceState
{
    [Id(0)] public InstanceSnapshot? Instance { get; set; }

    [Id(1)] public PendingOperation? Pending { get; set; }

    /// <summary>The networks the create asked for: a resumed build makes the same ports again.</summary>
    [Id(2)] public ImmutableArray<NetworkRequest> Networks { get; set; } = [];

    /// <summary>Whether the lock was set by an admin: then only an admin may unlock (API.md §3).</summary>
    [Id(3)] public bool LockedByAdmin { get; set; }

    /// <summary>The action history, newest first, at most <see cref="ActionHistory.MaxEntries"/> entries.</summary>
    [Id(4)] public ImmutableArray<InstanceActionRecord> Actions { get; set; } = [];

    /// <summary>The period of the power-sync reminder registered for this instance; null when none is.</summary>
    [Id(5)] public TimeSpan? PowerSyncPeriod { get; set; }

    /// <summary>A copy holding <paramref name="actions"/> instead (everything else the same objects): what PostgreSQL mode writes, whose history has rows of its own.</summary>
    public InstanceState WithActions(ImmutableArray<InstanceActionRecord> actions)
    {
        var copy = (InstanceState)MemberwiseClone();
        copy.Actions = actions;
        return copy;
    }
}
