using Instances.Abstractions;
using Instances.Grains.Instances;

namespace Instances.UnitTests.Observability;

/// <summary>What the grain's one-line metric calls record.</summary>
public sealed class InstancesMetricsTests : IDisposable
{
    private static readonly DateTimeOffset Accepted = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private readonly RecordedMeasurements _recorded = new();

    [Fact]
    public void AnEndedOperationCountsAsCompletedOrFailedAndRecordsItsDurationSinceAcceptance()
    {
        var power = new PendingOperation(Guid.NewGuid(), OperationKind.Power, PowerAction.SoftOff, Accepted, Accepted.AddMinutes(5));
        var build = power with { Kind = OperationKind.Build, PowerAction = null };

        _recorded.Metrics.Ended(power, true, Accepted.AddSeconds(2.5));
        _recorded.Metrics.Ended(build, false, Accepted.AddSeconds(40));

        var completed = Assert.Single(_recorded.Of("instances.operations.completed"));
        Assert.Equal(("power", "soft_off"), (completed.Tags["kind"], completed.Tags["action"]));
        var failed = Assert.Single(_recorded.Of("instances.operations.failed"));
        Assert.Equal("build", failed.Tags["kind"]);
        Assert.False(failed.Tags.ContainsKey("action"));
        var durations = _recorded.Of("instances.operations.duration");
        Assert.Equal([(2.5, "success"), (40.0, "failure")], durations.Select(d => (d.Value, d.Tags["outcome"])));
    }

    [Fact]
    public void AResumedOperationCountsOnceWithItsAgeSinceAcceptance()
    {
        var reboot = new PendingOperation(Guid.NewGuid(), OperationKind.Power, PowerAction.Reboot, Accepted, Accepted.AddMinutes(5));

        _recorded.Metrics.Resumed(reboot, Accepted.AddSeconds(12));

        var resumed = Assert.Single(_recorded.Of("instances.operations.resumed"));
        Assert.Equal(("power", "reboot"), (resumed.Tags["kind"], resumed.Tags["action"]));
        Assert.Equal(12, Assert.Single(_recorded.Of("instances.operations.resume_age")).Value);
    }

    [Fact]
    public void TheGaugeCountsTheActivationsOfThisNodeByStatusAndPowerState()
    {
        var census = _recorded.Local;
        var stopped = new InstanceSnapshot
        {
            Uuid = Guid.NewGuid(), Name = "a", ProjectId = "p", UserId = "u", Status = InstanceStatus.Stopped, PowerState = PowerState.Off,
            AvailabilityZone = "zone-a", InstanceTypeUuid = Guid.NewGuid(), ImageUuid = Guid.NewGuid(), CreatedAt = Accepted,
        };
        census.Track(Guid.NewGuid(), stopped);
        census.Track(Guid.NewGuid(), stopped);
        var building = Guid.NewGuid();
        census.Track(building, stopped with { Status = InstanceStatus.Building, PowerState = null });
        var gone = Guid.NewGuid();
        census.Track(gone, stopped);
        census.Forget(gone);

        _recorded.Observe();

        var observed = _recorded.Of("instances.instances").ToDictionary(m => (m.Tags["status"], m.Tags["power_state"]), m => m.Value);
        Assert.Equal(2, observed.Count);
        Assert.Equal(2, observed[("stopped", "power off")]);
        Assert.Equal(1, observed[("building", "unknown")]);
    }

    public void Dispose() => _recorded.Dispose();
}
