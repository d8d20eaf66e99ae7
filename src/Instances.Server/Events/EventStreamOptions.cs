namespace Instances.Server.Events;

/// <summary>The HTTP side of the live event streams, under <c>Events</c> (documented in README).</summary>
public sealed class EventStreamOptions
{
    public const string Section = "Events";

    /// <summary>An idle stream gets a comment line this often, so proxies keep it open (API.md: at least every 15 s).</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a stream renews its subscription; well under the log's <c>Events:SubscriberExpiry</c>.</summary>
    public TimeSpan Renewal { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Events waiting for a slow client beyond this many end its stream; it resumes with <c>Last-Event-ID</c>.</summary>
    public int Buffer { get; set; } = 1_000;

    /// <summary>The reconnection delay sent to clients (the SSE <c>retry:</c> field).</summary>
    public TimeSpan Retry { get; set; } = TimeSpan.FromSeconds(3);
}
