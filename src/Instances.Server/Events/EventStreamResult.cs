using System.Text;
using System.Text.Json;
using Instances.Abstractions.Events;
using Instances.Server.Http;
using Instances.Server.Wire;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Instances.Server.Events;

/// <summary>
/// A <c>text/event-stream</c> response over one event log (API.md §8 "Live events"). The subscription is
/// registered, and the backlog after <c>Last-Event-ID</c> fetched, before the headers are sent, so a
/// change made once a client sees the headers is never missed. The stream ends with the client, when
/// the node stops, or when the client falls more than <see cref="EventStreamOptions.Buffer"/> events behind.
/// </summary>
internal sealed class EventStreamResult(string logKey, Func<InstanceEvent, bool> include, EventPosition? after) : IResult
{
    public const string ContentType = "text/event-stream";

    public async Task ExecuteAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var grains = services.GetRequiredService<IGrainFactory>();
        var options = services.GetRequiredService<IOptions<EventStreamOptions>>().Value;
        var time = services.GetService<TimeProvider>() ?? TimeProvider.System; // a gateway-only node has no silo services
        var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;

        var subscriber = new EventSubscriber(options.Buffer);
        var observer = grains.CreateObjectReference<IInstanceEventObserver>(subscriber);
        var log = grains.GetGrain<IEventLogGrain>(logKey);
        try
        {
            var backlog = await log.SubscribeAsync(observer, after);
            using var end = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
            var stream = new Stream(context.Response, include, after, time);
            await stream.StartAsync(options.Retry, backlog, end.Token);

            var renewed = time.GetTimestamp();
            while (!end.IsCancellationRequested && !subscriber.Overflowed)
            {
                if (!await WaitForEventsAsync(subscriber, options.Heartbeat, time, end.Token))
                {
                    await stream.CommentAsync("heartbeat", end.Token);
                }

                while (subscriber.Events.TryRead(out var next))
                {
                    if (stream.FollowsAGap(next))
                    {
                        // Pushes are separate calls that can overtake each other across nodes (CI saw a node's
                        // stream get 7 before 6, then skip 6 as already sent): fill the gap from the log, in order.
                        await stream.CatchUpAsync(await log.SubscribeAsync(observer, stream.Position), end.Token);
                    }

                    await stream.WriteAsync(next, end.Token);
                }

                await stream.FlushAsync(end.Token);
                if (time.GetElapsedTime(renewed) >= options.Renewal)
                {
                    // Renewing keeps the log from forgetting this node. Asking from the last position also
                    // catches up on what a log that restarted meanwhile (a new epoch) holds but never pushed here.
                    await stream.CatchUpAsync(await log.SubscribeAsync(observer, stream.Position), end.Token);
                    renewed = time.GetTimestamp();
                }
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested || stopping.IsCancellationRequested)
        {
            // The client left, or the node is shutting down: the client reconnects (to another node) with its last id.
        }
        finally
        {
            await UnsubscribeAsync(log, observer);
            grains.DeleteObjectReference<IInstanceEventObserver>(observer);
        }
    }

    /// <summary>True when events are waiting; false when <paramref name="heartbeat"/> passed first.</summary>
    private static async Task<bool> WaitForEventsAsync(EventSubscriber subscriber, TimeSpan heartbeat, TimeProvider time, CancellationToken cancellation)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        idle.CancelAfter(heartbeat);
        try
        {
            return await subscriber.Events.WaitToReadAsync(idle.Token) || subscriber.Overflowed;
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return false;
        }
    }

    private static async Task UnsubscribeAsync(IEventLogGrain log, IInstanceEventObserver observer)
    {
        try
        {
            await log.UnsubscribeAsync(observer);
        }
        catch (Exception)
        {
            // The log forgets a silent subscriber after Events:SubscriberExpiry anyway.
        }
    }

    /// <summary>The wire side: SSE framing, and skipping what the client has already seen.</summary>
    private sealed class Stream(HttpResponse response, Func<InstanceEvent, bool> include, EventPosition? after, TimeProvider time)
    {
        private long _epoch = after?.Epoch ?? 0;
        private long _last = after?.Sequence ?? 0;

        public async Task StartAsync(TimeSpan retry, EventBacklog backlog, CancellationToken cancellation)
        {
            response.ContentType = ContentType;
            response.Headers.CacheControl = "no-cache";

            // nginx buffers responses unless told not to; a buffered event stream is no stream.
            response.Headers["X-Accel-Buffering"] = "no";
            response.HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

            await WriteRawAsync($"retry: {(long)retry.TotalMilliseconds}\n\n", cancellation);
            if (after is null)
            {
                // A fresh subscription starts at the log's head: what came before is not this client's.
                (_epoch, _last) = (backlog.Epoch, backlog.Head);
            }

            await CatchUpAsync(backlog, cancellation);
        }

        /// <summary>Where the client is: the last event sent or skipped (null before the first).</summary>
        public EventPosition? Position => _epoch == 0 ? null : new EventPosition(_epoch, _last);

        /// <summary>Sends what the log kept after <see cref="Position"/>, saying so when some of it is gone.</summary>
        public async Task CatchUpAsync(EventBacklog backlog, CancellationToken cancellation)
        {
            if (!backlog.Complete)
            {
                await CommentAsync(backlog.Epoch == _epoch || _epoch == 0
                    ? "some events after the last id are no longer kept; the ones still kept follow"
                    : $"the event log restarted at {time.GetUtcNow():O}; events sent to it before then may be missing; the ones it kept follow", cancellation);
            }

            if (backlog.Epoch != _epoch)
            {
                // A new epoch numbers from one again: everything in it is new to this client.
                (_epoch, _last) = (backlog.Epoch, 0);
            }

            foreach (var change in backlog.Events)
            {
                await WriteAsync(change, cancellation);
            }

            await FlushAsync(cancellation);
        }

        /// <summary>Whether <paramref name="change"/> is later in this epoch than the event after the last one sent.</summary>
        public bool FollowsAGap(LoggedEvent change) => change.Id.Epoch == _epoch && change.Id.Sequence > _last + 1;

        public async Task WriteAsync(LoggedEvent change, CancellationToken cancellation)
        {
            // A push can overtake the backlog it follows; within an epoch, sequence numbers say what was sent.
            if (change.Id.Epoch == _epoch && change.Id.Sequence <= _last)
            {
                return;
            }

            (_epoch, _last) = (change.Id.Epoch, change.Id.Sequence);
            if (include(change.Event))
            {
                var data = JsonSerializer.Serialize(InstanceEventBody.From(change.Event), WireJson.Response);
                await WriteRawAsync($"id: {change.Id}\ndata: {data}\n\n", cancellation);
            }
        }

        public Task CommentAsync(string text, CancellationToken cancellation) => WriteRawAsync($": {text}\n\n", cancellation);

        public Task FlushAsync(CancellationToken cancellation) => response.Body.FlushAsync(cancellation);

        private Task WriteRawAsync(string text, CancellationToken cancellation) =>
            response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellation).AsTask();
    }
}
