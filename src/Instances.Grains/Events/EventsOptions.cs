namespace Instances.Grains.Events;

/// <summary>Settings of the live event streams under <c>Events</c> (documented in README).</summary>
public sealed class EventsOptions
{
    public const string Section = "Events";

    /// <summary>How long a log keeps events for clients resuming with <c>Last-Event-ID</c>.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>At most this many events per log, whatever their age: bounds memory under a storm of changes.</summary>
    public int Capacity { get; set; } = 10_000;

    /// <summary>
    /// How long a log holds an instance's event while an earlier one is still on its way (events are
    /// one-way messages, not delivered in order); then the missing one is presumed lost.
    /// </summary>
    public TimeSpan ReorderWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A subscriber that has not renewed for this long is forgotten (its node is presumed gone).</summary>
    public TimeSpan SubscriberExpiry { get; set; } = TimeSpan.FromMinutes(2);
}
