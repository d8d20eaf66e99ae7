using Instances.Abstractions;
using Instances.Grains.Instances;

namespace Instances.UnitTests;

public sealed class ActionHistoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly Caller Caller = new("p", "u", false, "req-1");

    [Fact]
    public void NewEntriesComeFirstAndOnlyTheLastHundredAreKept()
    {
        var actions = Enumerable.Range(0, ActionHistory.MaxEntries + 5)
            .Aggregate(
                System.Collections.Immutable.ImmutableArray<InstanceActionRecord>.Empty,
                (history, i) => ActionHistory.Add(history, ActionHistory.Instant($"a{i}", Caller, Now.AddSeconds(i))));

        Assert.Equal(ActionHistory.MaxEntries, actions.Length);
        Assert.Equal($"a{ActionHistory.MaxEntries + 4}", actions[0].Action);
        Assert.Equal("a5", actions[^1].Action);
    }

    [Fact]
    public void AStartedEntryCarriesTheCallerAndRunsUntilItsOperationFinishes()
    {
        var operation = Guid.NewGuid();
        var actions = ActionHistory.Add([], ActionHistory.Started("reboot", Caller, Now, operation));

        Assert.Null(actions[0].Result);
        Assert.Equal(("req-1", "u", "p"), (actions[0].RequestId, actions[0].UserId, actions[0].ProjectId));

        var finished = ActionHistory.Finish(actions, operation, false, "BMC timeout", Now.AddSeconds(5));

        Assert.Equal(ActionResult.Error, finished[0].Result);
        Assert.Equal(Now.AddSeconds(5), finished[0].FinishTime);
        Assert.Equal("BMC timeout", finished[0].Message);
    }

    [Fact]
    public void FinishingAnUnknownOrFinishedOperationChangesNothing()
    {
        var operation = Guid.NewGuid();
        var actions = ActionHistory.Finish(ActionHistory.Add([], ActionHistory.Started("reboot", Caller, Now, operation)), operation, true, null, Now);

        Assert.Equal(actions, ActionHistory.Finish(actions, operation, false, "late", Now.AddSeconds(1)));
        Assert.Equal(actions, ActionHistory.Finish(actions, Guid.NewGuid(), false, "other", Now));
    }

    [Theory]
    [InlineData(PowerAction.On, "power on")]
    [InlineData(PowerAction.Off, "power off")]
    [InlineData(PowerAction.SoftOff, "soft power off")]
    [InlineData(PowerAction.Reboot, "reboot")]
    [InlineData(PowerAction.SoftReboot, "soft reboot")]
    public void PowerActionsAreNamedInWords(PowerAction action, string name) => Assert.Equal(name, ActionHistory.NameOf(action));

    [Fact]
    public void TheLatestChangeIsTheAddedEntryOrTheOneThatFinished()
    {
        var operation = Guid.NewGuid();
        var started = ActionHistory.Add([], ActionHistory.Started("power off", Caller, Now, operation));
        var locked = ActionHistory.Add(started, ActionHistory.Instant("lock", Caller, Now));
        var finished = ActionHistory.Finish(locked, operation, true, null, Now);

        Assert.Equal("power off", ActionHistory.LatestChange([], started));
        Assert.Equal("lock", ActionHistory.LatestChange(started, locked));
        Assert.Equal("power off", ActionHistory.LatestChange(locked, finished));
        Assert.Null(ActionHistory.LatestChange(finished, finished));
    }
}
