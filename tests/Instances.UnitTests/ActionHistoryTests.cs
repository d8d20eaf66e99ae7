using System.Collections.Immutable;
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
                ImmutableArray<InstanceActionRecord>.Empty,
                (history, i) => ActionHistory.Add(history, ActionHistory.Instant($"a{i}", Caller, Now.AddSeconds(i))));

        Assert.Equal(ActionHistory.MaxEntries, actions.Length);
        Assert.Equal($"a{ActionHistory.MaxEntries + 4}", actions[0].Action);
        Assert.Equal("a5", actions[^1].Action);
        Assert.Equal(Enumerable.Range(6, ActionHistory.MaxEntries).Reverse().Select(i => (long)i), actions.Select(a => a.Sequence));
    }

    [Fact]
    public void EntriesKeptBeforeNumberingAreNumberedOldestFirstAndNumberedOnesAreLeftAlone()
    {
        ImmutableArray<InstanceActionRecord> legacy = [Entry("c"), Entry("b"), Entry("a")];

        var numbered = ActionHistory.Numbered(legacy);

        Assert.Equal([3L, 2L, 1L], numbered.Select(a => a.Sequence));
        Assert.Equal(["c", "b", "a"], numbered.Select(a => a.Action));
        Assert.Equal(4, ActionHistory.Add(numbered, Entry("d"))[0].Sequence);
        Assert.True(ActionHistory.Numbered(numbered) == numbered);
        Assert.Empty(ActionHistory.Numbered(default));
    }

    [Fact]
    public void TheChangedEntriesAreTheAddedAndTheFinishedOnes()
    {
        var operation = Guid.NewGuid();
        var written = History(3);
        var started = ActionHistory.Add(written, ActionHistory.Started("reboot", Caller, Now, operation));

        Assert.Equal([4L], ActionHistory.ChangedSince(written, started).Select(a => a.Sequence));
        Assert.Empty(ActionHistory.ChangedSince(started, started));

        var finished = ActionHistory.Finish(ActionHistory.Add(started, Entry("lock")), operation, true, null, Now);

        Assert.Equal([5L, 4L], ActionHistory.ChangedSince(started, finished).Select(a => a.Sequence));
        Assert.Equal(finished.Select(a => a.Sequence), ActionHistory.ChangedSince([], finished).Select(a => a.Sequence));
    }

    [Fact]
    public void TheDroppedRangeIsWhatFellOffTheEnd()
    {
        var full = History(ActionHistory.MaxEntries);
        var next = ActionHistory.Add(ActionHistory.Add(full, Entry("x")), Entry("y"));

        Assert.Equal((1L, 2L), ActionHistory.DroppedSince(full, next));
        Assert.Equal((1L, 0L), ActionHistory.DroppedSince(History(3), History(4)));
        Assert.Equal((1L, 2L), ActionHistory.DroppedSince([], next)); // not known what was written: everything older
        Assert.Equal((1L, 0L), ActionHistory.DroppedSince(full, []));
    }

    private static InstanceActionRecord Entry(string action) => ActionHistory.Instant(action, Caller, Now);

    private static ImmutableArray<InstanceActionRecord> History(int count) =>
        Enumerable.Range(0, count).Aggregate(ImmutableArray<InstanceActionRecord>.Empty, (history, i) => ActionHistory.Add(history, Entry($"a{i}")));

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
