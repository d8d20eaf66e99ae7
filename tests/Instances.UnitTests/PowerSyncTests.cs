using Instances.Abstractions;
using Instances.Grains.Instances;
using Instances.Grains.Simulated;

namespace Instances.UnitTests;

/// <summary>Every status × every reported power state for the power sync's correction rule.</summary>
public sealed class PowerSyncTests
{
    private static readonly InstanceSnapshot AtRest = new()
    {
        Uuid = Guid.NewGuid(),
        Name = "n",
        ProjectId = "p",
        UserId = "u",
        Status = InstanceStatus.Active,
        PowerState = PowerState.On,
        AvailabilityZone = "zone-a",
        InstanceTypeUuid = Guid.NewGuid(),
        ImageUuid = Guid.NewGuid(),
        CreatedAt = DateTimeOffset.UnixEpoch,
        NodeId = "zone-a-node-0001",
    };

    public static TheoryData<InstanceStatus, PowerState?, bool, PowerState, InstanceStatus?> Rows => new()
    {
        // status, recorded power, has fault, reported power → corrected status (null: unchanged)
        { InstanceStatus.Active, PowerState.On, false, PowerState.On, null },
        { InstanceStatus.Active, PowerState.On, false, PowerState.Off, InstanceStatus.Stopped },
        { InstanceStatus.Stopped, PowerState.Off, false, PowerState.Off, null },
        { InstanceStatus.Stopped, PowerState.Off, false, PowerState.On, InstanceStatus.Active },
        { InstanceStatus.Error, null, false, PowerState.On, InstanceStatus.Active },
        { InstanceStatus.Error, null, false, PowerState.Off, InstanceStatus.Stopped },
        { InstanceStatus.Error, PowerState.On, true, PowerState.On, null },
        { InstanceStatus.Error, PowerState.On, true, PowerState.Off, InstanceStatus.Error },
        { InstanceStatus.Building, null, false, PowerState.On, null },
        { InstanceStatus.PoweringOn, PowerState.Off, false, PowerState.On, null },
        { InstanceStatus.PoweringOff, PowerState.On, false, PowerState.Off, null },
        { InstanceStatus.SoftPoweringOff, PowerState.On, false, PowerState.Off, null },
        { InstanceStatus.Rebooting, PowerState.On, false, PowerState.Off, null },
        { InstanceStatus.SoftRebooting, PowerState.On, false, PowerState.Off, null },
        { InstanceStatus.Rebuilding, PowerState.On, false, PowerState.Off, null },
        { InstanceStatus.Deleting, PowerState.On, false, PowerState.Off, null },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void AReportedPowerStateCorrectsOnlyAnInstanceAtRest(
        InstanceStatus status, PowerState? recorded, bool faulted, PowerState reported, InstanceStatus? expected)
    {
        var instance = AtRest with
        {
            Status = status,
            PowerState = recorded,
            Fault = faulted ? new Fault(500, "rebuild failed", DateTimeOffset.UnixEpoch) : null,
        };

        var corrected = PowerSync.Reconcile(instance, reported);

        if (expected is null)
        {
            Assert.Null(corrected);
            return;
        }

        Assert.NotNull(corrected);
        Assert.Equal(expected, corrected.Status);
        Assert.Equal(reported, corrected.PowerState);
        Assert.Equal(instance.Fault, corrected.Fault);
        Assert.Equal(instance.Version, corrected.Version); // the grain bumps the version when it saves
    }

    [Fact]
    public void AnInstanceWithoutANodeIsNeverSynced() =>
        Assert.Null(PowerSync.Reconcile(AtRest with { NodeId = null }, PowerState.Off));

    [Fact]
    public void TheCorrectionSaysWhatWasRecordedAndWhatTheDriverReports()
    {
        var message = PowerSync.Describe(AtRest, AtRest with { PowerState = PowerState.Off, Status = InstanceStatus.Stopped });

        Assert.Equal("The driver reports 'power off' where 'power on' was recorded (changed outside the service); status active -> stopped.", message);
    }

    [Theory]
    [InlineData(0, 1000, 0, 0)] // nothing read yet
    [InlineData(250, 1000, 10, 65)] // a quarter read after 10 s of a 300-s budget: wait until 75 s
    [InlineData(250, 1000, 90, 0)] // behind (a slow driver): read on at once
    [InlineData(1000, 1000, 100, 200)] // the last of them is read as the budget ends
    [InlineData(1500, 1000, 280, 170)] // more than counted (created since): the same spacing, past the budget
    [InlineData(2500, 1000, 280, 320)] // ... up to twice the budget (the whole interval)
    [InlineData(1, 0, 0, 300)] // an empty count is taken as one instance
    public void ASweepSpreadsItsReadsOverItsBudget(int seen, int expected, double elapsedSeconds, double pauseSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(pauseSeconds), PowerSync.SweepPause(TimeSpan.FromMinutes(5), seen, expected, TimeSpan.FromSeconds(elapsedSeconds)));

    [Theory]
    [InlineData("zone-a-node-0000", true)]
    [InlineData("zone-a-node-0999", true)]
    [InlineData("zone-a-node-1000", false)]
    [InlineData("zone-a-node-12", false)]
    [InlineData("zone-a-node-00012", false)]
    [InlineData("zone-a-node-+012", false)]
    [InlineData("zone-c-node-0001", false)]
    [InlineData("node-0001", false)]
    [InlineData("-node-0001", false)]
    [InlineData("zone-b-node-0001", true)]
    public void OnlyNodesOfAConfiguredFleetExist(string name, bool exists) =>
        Assert.Equal(exists, SimulatedNodes.Exists(name, ["zone-a", "zone-b"], 1000));
}
