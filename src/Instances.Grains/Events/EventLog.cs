using System.Collections.Immutable;
using Instances.Abstractions.Events;

namespace Instances.Grains.Events;

/// <summary>
/// The numbered recent events of one log, as a pure structure: appends get consecutive sequence
/// numbers; events older than the retention, or beyond the capacity, are dropped from the front.
/// </summary>
public sealed class EventLog(long epoch, EventsOptions options)
{
    private readonly Queue<(DateTimeOffset KeptAt, LoggedEvent Event)> _events = new();
    private long _next = 1;

    public long Epoch => epoch;

    public int Count => _events.Count;

    public LoggedEvent Append(InstanceEvent change, DateTimeOffset now)
    {
        var logged = new LoggedEvent(new EventPosition(epoch, _next++), change);
        _events.Enqueue((now, logged));
        Trim(now);
        return logged;
    }

    /// <summary>
    /// The kept events after <paramref name="after"/>: none when null (a fresh subscription starts now);
    /// everything kept, marked incomplete, when the id is from another epoch or older than what is kept.
    /// </summary>
    public EventBacklog After(EventPosition? after, DateTimeOffset now)
    {
        Trim(now);
        if (after is not { } last)
        {
            return new EventBacklog(epoch, [], Complete: true, Head: _next - 1);
        }

        var first = _events.Count > 0 ? _events.Peek().Event.Id.Sequence : _next;
        if (last.Epoch != epoch || last.Sequence >= _next)
        {
            // Another epoch, or an id this log never gave out (it restarted since): all we have may be new to the client.
            return new EventBacklog(epoch, [.. _events.Select(e => e.Event)], Complete: false, Head: _next - 1);
        }

        var skip = Math.Max(0, last.Sequence + 1 - first);
        return new EventBacklog(epoch, [.. _events.Skip((int)skip).Select(e => e.Event)], Complete: last.Sequence + 1 >= first, Head: _next - 1);
    }

    private void Trim(DateTimeOffset now)
    {
        var oldest = now - options.Retention;
        while (_events.Count > 0 && (_events.Count > options.Capacity || _events.Peek().KeptAt < oldest))
        {
            _events.Dequeue();
        }
    }
}
