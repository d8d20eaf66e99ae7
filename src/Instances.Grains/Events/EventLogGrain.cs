using Instances.Abstractions.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Utilities;

namespace Instances.Grains.Events;

/// <summary>
/// One event log (a project's, or all projects'): keeps recent events in memory and pushes each to
/// the observers that the event-stream endpoints of every node registered. Nothing is persisted: a
/// log lost with its node starts a new epoch, and clients resuming across it are told (API docs).
/// </summary>
public sealed class EventLogGrain(IOptions<EventsOptions> options, TimeProvider time, ILogger<EventLogGrain> logger)
    : Grain, IEventLogGrain
{
    private readonly EventLog _log = new(time.GetUtcNow().ToUnixTimeMilliseconds(), options.Value);
    private readonly InstanceEventOrder _order = new(options.Value.ReorderWait, options.Value.Retention);
    private IGrainTimer? _holding;
    private readonly ObserverManager<IInstanceEventObserver> _subscribers = new(options.Value.SubscriberExpiry, logger)
    {
        GetDateTime = () => time.GetUtcNow().UtcDateTime,
    };

    public Task AppendAsync(InstanceEvent change)
    {
        Tell(_order.Accept(change, time.GetUtcNow()));

        // Events held for an earlier one that never comes are told when their wait ends, even if nothing else arrives.
        if (_order.IsHolding && _holding is null)
        {
            _holding = this.RegisterGrainTimer(TellOverdue, options.Value.ReorderWait, options.Value.ReorderWait);
        }

        // Kept events are only worth something while this activation lives: keep it for as long as they are kept.
        DelayDeactivation(options.Value.Retention);
        return Task.CompletedTask;
    }

    private Task TellOverdue()
    {
        Tell(_order.Overdue(time.GetUtcNow()));
        if (!_order.IsHolding)
        {
            _holding?.Dispose();
            _holding = null;
        }

        return Task.CompletedTask;
    }

    private void Tell(IReadOnlyList<InstanceEvent> changes)
    {
        foreach (var change in changes)
        {
            var logged = _log.Append(change, time.GetUtcNow());
            _subscribers.Notify(subscriber => subscriber.OnEventAsync(logged));
        }
    }

    public Task<EventBacklog> SubscribeAsync(IInstanceEventObserver observer, EventPosition? after)
    {
        _subscribers.Subscribe(observer, observer);
        return Task.FromResult(_log.After(after, time.GetUtcNow()));
    }

    public Task UnsubscribeAsync(IInstanceEventObserver observer)
    {
        _subscribers.Unsubscribe(observer);
        return Task.CompletedTask;
    }
}
