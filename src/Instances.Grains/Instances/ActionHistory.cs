using System.Collections.Immutable;
using Instances.Abstractions;

namespace Instances.Grains.Instances;

/// <summary>
/// The action history of an instance as pure functions over its entries (newest first), so the
/// bound and the finishing of entries are tested without a cluster.
/// </summary>
public static class ActionHistory
{
    /// <summary>Older entries are dropped beyond this many, so the grain's state stays small.</summary>
    public const int MaxEntries = 100;

    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";
    public const string Lock = "lock";
    public const string Unlock = "unlock";
    public const string Rebuild = "rebuild";

    /// <summary>The history name of a power action, in the words of the power states (<c>power on</c>, <c>soft reboot</c>).</summary>
    public static string NameOf(PowerAction action) => action switch
    {
        PowerAction.On => "power on",
        PowerAction.Off => "power off",
        PowerAction.SoftOff => "soft power off",
        PowerAction.Reboot => "reboot",
        _ => "soft reboot",
    };

    /// <summary>An entry for an action asked by <paramref name="caller"/>; running until finished when it started an operation.</summary>
    public static InstanceActionRecord Started(string action, Caller caller, DateTimeOffset now, Guid? operationId = null) => new()
    {
        Action = action,
        RequestId = caller.RequestId,
        UserId = caller.UserId,
        ProjectId = caller.ProjectId,
        StartTime = now,
        OperationId = operationId,
    };

    /// <summary>An entry for an action that took effect at once.</summary>
    public static InstanceActionRecord Instant(string action, Caller caller, DateTimeOffset now, string? message = null) =>
        Started(action, caller, now) with { FinishTime = now, Result = ActionResult.Success, Message = message };

    /// <summary>Puts <paramref name="entry"/> first, numbered one after the newest, and keeps at most <see cref="MaxEntries"/>.</summary>
    public static ImmutableArray<InstanceActionRecord> Add(ImmutableArray<InstanceActionRecord> actions, InstanceActionRecord entry)
    {
        var existing = actions.IsDefault ? [] : actions;
        var sequence = existing.IsEmpty ? 1 : existing[0].Sequence + 1;
        return [entry with { Sequence = sequence }, .. existing.Take(MaxEntries - 1)];
    }

    /// <summary>
    /// Numbers entries kept before entries had a sequence (all 0): the oldest 1, the newest their
    /// count. Numbered entries come back unchanged.
    /// </summary>
    public static ImmutableArray<InstanceActionRecord> Numbered(ImmutableArray<InstanceActionRecord> actions)
    {
        if (actions.IsDefault || actions.IsEmpty)
        {
            return [];
        }

        return actions.All(a => a.Sequence > 0) ? actions : [.. actions.Select((a, i) => a with { Sequence = actions.Length - i })];
    }

    /// <summary>
    /// The entries of <paramref name="current"/> that are not in <paramref name="written"/>: added
    /// since, or replaced since (a finished entry is a new record). Entries are immutable, so an entry
    /// still the same object is unchanged; both arrays are newest first and numbered.
    /// </summary>
    public static ImmutableArray<InstanceActionRecord> ChangedSince(
        ImmutableArray<InstanceActionRecord> written, ImmutableArray<InstanceActionRecord> current)
    {
        var before = written.IsDefault ? [] : written;
        var now = current.IsDefault ? [] : current;
        var newest = before.IsEmpty ? 0 : before[0].Sequence;
        return [.. now.Where(entry =>
        {
            var at = newest - entry.Sequence; // where the same entry sits in the written array
            return at < 0 || at >= before.Length || !ReferenceEquals(before[(int)at], entry);
        })];
    }

    /// <summary>
    /// The sequence range (first, last) of entries older than every entry <paramref name="current"/>
    /// keeps: those <paramref name="written"/> held that have since dropped off the end, or, when
    /// what was written is not known (empty), any older than the oldest kept. (1, 0) when none is.
    /// </summary>
    public static (long First, long Last) DroppedSince(
        ImmutableArray<InstanceActionRecord> written, ImmutableArray<InstanceActionRecord> current)
    {
        if (current.IsDefault || current.IsEmpty)
        {
            return (1, 0);
        }

        var first = written.IsDefault || written.IsEmpty ? 1 : written[^1].Sequence;
        var last = current[^1].Sequence - 1;
        return first <= last ? (first, last) : (1, 0);
    }

    /// <summary>
    /// The action of the entry that <paramref name="after"/> added or finished relative to <paramref name="before"/>:
    /// an added entry is first, and finishing keeps every entry in place.
    /// </summary>
    public static string? LatestChange(ImmutableArray<InstanceActionRecord> before, ImmutableArray<InstanceActionRecord> after)
    {
        var old = before.IsDefault ? [] : before;
        var current = after.IsDefault ? [] : after;
        for (var i = 0; i < current.Length; i++)
        {
            if (i >= old.Length || current[i] != old[i])
            {
                return current[i].Action;
            }
        }

        return null;
    }

    /// <summary>Ends the entry of operation <paramref name="operationId"/>, if it is still kept and running.</summary>
    public static ImmutableArray<InstanceActionRecord> Finish(
        ImmutableArray<InstanceActionRecord> actions, Guid operationId, bool succeeded, string? message, DateTimeOffset now)
    {
        if (actions.IsDefault)
        {
            return [];
        }

        for (var i = 0; i < actions.Length; i++)
        {
            if (actions[i].OperationId == operationId && actions[i].Result is null)
            {
                return actions.SetItem(i, actions[i] with
                {
                    FinishTime = now,
                    Result = succeeded ? ActionResult.Success : ActionResult.Error,
                    Message = message,
                });
            }
        }

        return actions;
    }
}
