using Instances.Client.Models;
using Instances.LoadTest;

namespace Instances.LoadTests;

public sealed class VerifierTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Id = Guid.NewGuid();

    private static AcceptedOperation Op(PowerTarget target, string requestId, int second) => new(Id, target, requestId, T0.AddSeconds(second));

    private static InstanceAction Action(PowerTarget target, string requestId, int second, double took, string? result = "success") =>
        new(target.ActionName(), requestId, "u", "p", T0.AddSeconds(second), result is null ? null : T0.AddSeconds(second + took), result, null);

    private static Dictionary<Guid, InstanceObservation> Seen(string status, params InstanceAction[] actions) => new()
    {
        [Id] = new(new InstanceStates(status == "stopped" ? "power off" : "power on", null, status, false, null), actions.Reverse().ToList()),
    };

    [Fact]
    public void EveryOperationFinishedInItsHistoryPasses()
    {
        var verdict = Verifier.Judge(
            [Op(PowerTarget.Off, "req-1", 0), Op(PowerTarget.On, "req-2", 2)],
            Seen("active", Action(PowerTarget.Off, "req-1", 0, 0.5), Action(PowerTarget.On, "req-2", 2, 0.25)));

        Assert.True(verdict.Passed);
        Assert.Equal(2, verdict.Completed);
        Assert.InRange(LatencyRecorder.Ms(verdict.CompletionLatency, 0), 249, 251);
        Assert.InRange(LatencyRecorder.Ms(verdict.CompletionLatency, 100), 499, 501);
        Assert.Equal(2 / 2.25, verdict.CompletedPerSecond, 3);
    }

    [Fact]
    public void AWarmUpOperationIsVerifiedButNotCounted()
    {
        var warm = Op(PowerTarget.Off, "req-w", 0) with { Measured = false };
        var measured = Op(PowerTarget.On, "req-m", 10);

        var verdict = Verifier.Judge([warm, measured], Seen("active", Action(PowerTarget.Off, "req-w", 0, 1), Action(PowerTarget.On, "req-m", 10, 2)));
        var lost = Verifier.Judge([warm, measured], Seen("active", Action(PowerTarget.On, "req-m", 10, 2)));

        Assert.True(verdict.Passed);
        Assert.Equal((1L, 0L, 1L), (verdict.Completed, verdict.Failed, verdict.CompletionLatency.TotalCount));
        Assert.Equal(T0.AddSeconds(10), verdict.FirstStart);
        Assert.Equal("req-w", Assert.Single(lost.Lost).Operation.RequestId);
    }

    [Fact]
    public void AnOperationMissingFromTheHistoryIsLost()
    {
        var verdict = Verifier.Judge([Op(PowerTarget.Off, "req-1", 0), Op(PowerTarget.On, "req-2", 2)], Seen("stopped", Action(PowerTarget.Off, "req-1", 0, 1)));

        var lost = Assert.Single(verdict.Lost);
        Assert.Equal("req-2", lost.Operation.RequestId);
        Assert.False(verdict.Passed);
    }

    [Fact]
    public void AnOperationStillRunningAfterTheDeadlineIsLost()
    {
        var verdict = Verifier.Judge([Op(PowerTarget.Reboot, "req-1", 0)], Seen("rebooting", Action(PowerTarget.Reboot, "req-1", 0, 0, result: null)));

        Assert.Contains("still running", Assert.Single(verdict.Lost).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInstanceEndingInAnotherStatusThanItsLastChangeLosesThatChange()
    {
        var verdict = Verifier.Judge([Op(PowerTarget.SoftOff, "req-1", 0)], Seen("active", Action(PowerTarget.SoftOff, "req-1", 0, 1)));

        Assert.Contains("expected stopped", Assert.Single(verdict.Lost).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AFailedOperationIsCountedButNotLost()
    {
        var verdict = Verifier.Judge([Op(PowerTarget.Off, "req-1", 0)], Seen("active", Action(PowerTarget.Off, "req-1", 0, 1, result: "error")));

        Assert.True(verdict.Passed);
        Assert.Equal(1, verdict.Failed);
        Assert.Equal(0, verdict.Completed);
    }

    [Fact]
    public void AnOperationOlderThanAFullHistoryIsUnverifiableNotLost()
    {
        var full = Enumerable.Range(1, Verifier.HistoryLimit).Select(i => Action(PowerTarget.Reboot, $"req-{i}", i, 0.1)).ToArray();
        var ops = Enumerable.Range(0, Verifier.HistoryLimit + 1).Select(i => Op(PowerTarget.Reboot, $"req-{i}", i)).ToList();

        var verdict = Verifier.Judge(ops, Seen("active", full));

        Assert.True(verdict.Passed);
        Assert.Equal(1, verdict.Unverifiable);
        Assert.Equal(Verifier.HistoryLimit, verdict.Completed);
    }

    [Fact]
    public void AnInstanceThatCouldNotBeReadLosesAllItsOperations()
    {
        var verdict = Verifier.Judge([Op(PowerTarget.Off, "req-1", 0), Op(PowerTarget.On, "req-2", 1)], new Dictionary<Guid, InstanceObservation>());

        Assert.Equal(2, verdict.Lost.Count);
    }
}
