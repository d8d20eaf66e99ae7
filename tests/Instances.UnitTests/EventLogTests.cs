using Instances.Abstractions;
using Instances.Abstractions.Events;
using Instances.Grains.Events;

namespace Instances.UnitTests;

public sealed class EventLogTests
{
    private const long Epoch = 1_764_190_000_000;
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly EventsOptions Options = new() { Retention = TimeSpan.FromMinutes(10), Capacity = 5 };

    private static InstanceEvent Change(int n) => new()
    {
        Uuid = Guid.NewGuid(),
        ProjectId = "p",
        Status = InstanceStatus.Active,
        ChangedAt = Now,
        Version = n,
    };

    private static EventLog LogOf(int events, DateTimeOffset? at = null)
    {
        var log = new EventLog(Epoch, Options);
        for (var i = 1; i <= events; i++)
        {
            log.Append(Change(i), at ?? Now);
        }

        return log;
    }

    [Fact]
    public void AppendsAreNumberedConsecutivelyWithinTheEpoch()
    {
        var log = new EventLog(Epoch, Options);

        var ids = Enumerable.Range(1, 3).Select(i => log.Append(Change(i), Now).Id).ToList();

        Assert.Equal([new EventPosition(Epoch, 1), new EventPosition(Epoch, 2), new EventPosition(Epoch, 3)], ids);
    }

    [Fact]
    public void AFreshSubscriptionGetsNoBacklog()
    {
        var backlog = LogOf(3).After(null, Now);

        Assert.Empty(backlog.Events);
        Assert.True(backlog.Complete);
        Assert.Equal(Epoch, backlog.Epoch);
        Assert.Equal(3, backlog.Head);
    }

    [Theory]
    [InlineData(0, new long[] { 1, 2, 3 })]
    [InlineData(1, new long[] { 2, 3 })]
    [InlineData(3, new long[0])]
    public void ResumingReturnsExactlyTheEventsAfterTheId(long after, long[] expected)
    {
        var backlog = LogOf(3).After(new EventPosition(Epoch, after), Now);

        Assert.Equal(expected, backlog.Events.Select(e => e.Id.Sequence));
        Assert.True(backlog.Complete);
    }

    [Fact]
    public void BeyondTheCapacityTheOldestAreDroppedAndAResumeFromBeforeThemIsIncomplete()
    {
        var log = LogOf(8);

        var fromStart = log.After(new EventPosition(Epoch, 1), Now);
        var fromKept = log.After(new EventPosition(Epoch, 3), Now);

        Assert.Equal(5, log.Count);
        Assert.Equal([4L, 5, 6, 7, 8], fromStart.Events.Select(e => e.Id.Sequence));
        Assert.False(fromStart.Complete);
        Assert.Equal([4L, 5, 6, 7, 8], fromKept.Events.Select(e => e.Id.Sequence));
        Assert.True(fromKept.Complete);
    }

    [Fact]
    public void EventsOlderThanTheRetentionAreDropped()
    {
        var log = LogOf(2, Now);
        log.Append(Change(3), Now + TimeSpan.FromMinutes(9));

        var backlog = log.After(new EventPosition(Epoch, 0), Now + TimeSpan.FromMinutes(11));

        Assert.Equal([3L], backlog.Events.Select(e => e.Id.Sequence));
        Assert.False(backlog.Complete);
    }

    [Theory]
    [InlineData(Epoch - 1, 2)] // a log that has since restarted
    [InlineData(Epoch, 99)] // a number this log never gave out
    public void AnIdFromAnotherEpochGetsEverythingKeptMarkedIncomplete(long epoch, long sequence)
    {
        var backlog = LogOf(3).After(new EventPosition(epoch, sequence), Now);

        Assert.Equal([1L, 2, 3], backlog.Events.Select(e => e.Id.Sequence));
        Assert.False(backlog.Complete);
    }

    [Theory]
    [InlineData("1764190000000-42", true)]
    [InlineData("0-0", true)]
    [InlineData("", false)]
    [InlineData("42", false)]
    [InlineData("-42", false)]
    [InlineData("12-", false)]
    [InlineData("1-2-3", false)]
    [InlineData("+1-2", false)]
    [InlineData("a-b", false)]
    public void EventIdsRoundTripAndAnythingElseIsRefused(string text, bool valid)
    {
        Assert.Equal(valid, EventPosition.TryParse(text, out var position));
        if (valid)
        {
            Assert.Equal(text, position.ToString());
        }
    }
}
