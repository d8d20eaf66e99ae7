using Instances.Abstractions.Events;

namespace Instances.Grains.Events;

/// <summary>
/// Puts each instance's events back in version order before a log numbers them. Instances tell
/// their logs with one-way messages, and Orleans does not promise those arrive in the order they
/// were sent (a clean-clone CI run once saw a build's "active" reach the log after the power-off
/// that followed it). An instance's versions are consecutive — every persisted change adds one,
/// the deletion's event is the last version plus one — so a gap means an event is still on its
/// way: later ones are held until it comes, or for at most <c>wait</c> (then it is presumed lost
/// with the node that sent it, and the stream goes on without it). An event older than one
/// already told is dropped: a client must never see an instance go back to an earlier state.
/// Pure: the caller supplies the time.
/// </summary>
public sealed class InstanceEventOrder(TimeSpan wait, TimeSpan forgetAfter)
{
    /// <summary>A sweep for instances gone quiet runs once per this many events.</summary>
    private const int SweepEvery = 4096;

    private readonly Dictionary<Guid, Told> _told = [];
    private readonly Dictionary<Guid, SortedList<long, Held>> _held = [];
    private int _sinceSweep;

    /// <summary>Whether any event waits for an earlier one (the caller should look again within the wait).</summary>
    public bool IsHolding => _held.Count > 0;

    /// <summary>The events that can be told now, in order: this one and those it unblocked, or none when it must wait or comes too late.</summary>
    public IReadOnlyList<InstanceEvent> Accept(InstanceEvent change, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(change);
        var ready = new List<InstanceEvent>();
        if (!_told.TryGetValue(change.Uuid, out var told))
        {
            // The first this log hears of the instance (it started after the instance's earlier changes): a start.
            Tell(change, now, ready);
        }
        else if (change.Version == told.NextVersion)
        {
            Tell(change, now, ready);
            TellHeld(change.Uuid, now, ready);
        }
        else if (change.Version > told.NextVersion)
        {
            if (!_held.TryGetValue(change.Uuid, out var waiting))
            {
                _held[change.Uuid] = waiting = [];
            }

            waiting.TryAdd(change.Version, new Held(change, now));
        }

        ready.AddRange(Overdue(now));
        if (++_sinceSweep >= SweepEvery)
        {
            _sinceSweep = 0;
            Forget(now);
        }

        return ready;
    }

    /// <summary>Held events that waited their time: the gap before them is given up, and they are told in order.</summary>
    public IReadOnlyList<InstanceEvent> Overdue(DateTimeOffset now)
    {
        var ready = new List<InstanceEvent>();
        foreach (var uuid in _held.Where(h => now - h.Value.Values[0].Since >= wait).Select(h => h.Key).ToList())
        {
            var first = _held[uuid].Values[0].Event;
            _told[uuid] = new Told(first.Version, now); // skip the missing versions
            TellHeld(uuid, now, ready);
        }

        return ready;
    }

    private void Tell(InstanceEvent change, DateTimeOffset now, List<InstanceEvent> ready)
    {
        ready.Add(change);

        // After a deletion nothing of the instance may follow; the entry stays until it is forgotten.
        _told[change.Uuid] = new Told(change.Deleted ? long.MaxValue : change.Version + 1, now);
    }

    private void TellHeld(Guid uuid, DateTimeOffset now, List<InstanceEvent> ready)
    {
        if (!_held.TryGetValue(uuid, out var waiting))
        {
            return;
        }

        // Drop what is now stale, tell what is next, keep waiting for any further gap.
        while (waiting.Count > 0 && waiting.Keys[0] <= _told[uuid].NextVersion)
        {
            var next = waiting.Values[0].Event;
            waiting.RemoveAt(0);
            if (next.Version == _told[uuid].NextVersion)
            {
                Tell(next, now, ready);
            }
        }

        if (waiting.Count == 0)
        {
            _held.Remove(uuid);
        }
    }

    /// <summary>Forgets instances not heard of for a while, so a log's memory follows its recent traffic, not every instance ever seen.</summary>
    private void Forget(DateTimeOffset now)
    {
        foreach (var uuid in _told.Where(t => now - t.Value.At > forgetAfter && !_held.ContainsKey(t.Key)).Select(t => t.Key).ToList())
        {
            _told.Remove(uuid);
        }
    }

    private readonly record struct Told(long NextVersion, DateTimeOffset At);

    private readonly record struct Held(InstanceEvent Event, DateTimeOffset Since);
}
