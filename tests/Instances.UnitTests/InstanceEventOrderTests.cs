using Instances.Abstractions;
using Instances.Abstractions.Events;
using Instances.Grains.Events;

namespace Instances.UnitTests;

/// <summary>Each instance's events leave a log in version order, whatever order they arrived in; none goes back in time.</summary>
public sealed class InstanceEventOrderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 5, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(2);
    private static readonly Guid A = Guid.Parse("a0000000-0000-0000-0000-000000000001");
    private static readonly Guid B = Guid.Parse("b0000000-0000-0000-0000-000000000002");

    private static InstanceEvent V(Guid uuid, long version, bool deleted = false) => new()
    {
        Uuid = uuid,
        ProjectId = "p",
        Status = InstanceStatus.Active,
        ChangedAt = Now,
        Version = version,
        Deleted = deleted,
    };

    private static List<(Guid, long)> Told(IEnumerable<InstanceEvent> events) => [.. events.Select(e => (e.Uuid, e.Version))];

    [Fact]
    public void InOrderEventsPassStraightThrough()
    {
        var order = new InstanceEventOrder(Wait, TimeSpan.FromMinutes(10));

        var told = new[] { V(A, 1), V(B, 7), V(A, 2), V(B, 8) }.SelectMany(e => order.Accept(e, Now));

        Assert.Equal([(A, 1), (B, 7), (A, 2), (B, 8)], Told(told));
        Assert.False(order.IsHolding);
    }

    [Fact]
    public void AnEventThatOvertookAnEarlierOneWaitsForIt()
    {
        var order = new InstanceEventOrder(Wait, TimeSpan.FromMinutes(10));
        order.Accept(V(A, 1), Now);
        order.Accept(V(A, 2), Now);

        // The build's "active" (3) arrives after the power-off (4) and its end (5) — the CI run's order.
        Assert.Empty(order.Accept(V(A, 4), Now));
        Assert.Empty(order.Accept(V(A, 5), Now));
        Assert.True(order.IsHolding);
        Assert.Equal([(A, 3), (A, 4), (A, 5)], Told(order.Accept(V(A, 3), Now)));
        Assert.False(order.IsHolding);
    }

    [Fact]
    public void AnEventOlderThanOneAlreadyToldIsDropped()
    {
        var order = new InstanceEventOrder(Wait, TimeSpan.FromMinutes(10));
        order.Accept(V(A, 5), Now); // the first this log hears of A

        Assert.Empty(order.Accept(V(A, 4), Now));
        Assert.Empty(order.Accept(V(A, 5), Now));
        Assert.Equal([(A, 6)], Told(order.Accept(V(A, 6), Now)));
    }

    [Fact]
    public void AGapThatIsNeverFilledIsGivenUpAfterTheWait()
    {
        var order = new InstanceEventOrder(Wait, TimeSpan.FromMinutes(10));
        order.Accept(V(A, 1), Now);
        order.Accept(V(A, 3), Now);
        order.Accept(V(A, 4), Now + TimeSpan.FromSeconds(1));

        Assert.Empty(order.Overdue(Now + Wait - TimeSpan.FromTicks(1)));
        Assert.Equal([(A, 3), (A, 4)], Told(order.Overdue(Now + Wait)));
        Assert.False(order.IsHolding);
        Assert.Empty(order.Accept(V(A, 2), Now + Wait)); // the lost one, very late: the stream has moved on
    }

    [Fact]
    public void AnotherInstanceIsNotHeldUpByAGap()
    {
        var order = new InstanceEventOrder(Wait, TimeSpan.FromMinutes(10));
        order.Accept(V(A, 1), Now);
        order.Accept(V(A, 3), Now);

        Assert.Equal([(B, 1)], Told(order.Accept(V(B, 1), Now)));
        Assert.True(order.IsHolding);
    }

    [Fact]
    public void NothingOfAnInstanceFollowsItsDeletion()
    {
        var order = new InstanceEventOrder(Wait, TimeSpan.FromMinutes(10));
        order.Accept(V(A, 1), Now);

        Assert.Empty(order.Accept(V(A, 3, deleted: true), Now));
        Assert.Equal([(A, 2), (A, 3)], Told(order.Accept(V(A, 2), Now)));
        Assert.Empty(order.Accept(V(A, 4), Now));
    }
}
