using Instances.Abstractions;
using Instances.Grains.Instances;

namespace Instances.UnitTests;

public sealed class OperationCompletionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static readonly InstanceSnapshot Transitioning = new()
    {
        Uuid = Guid.NewGuid(),
        Name = "n",
        ProjectId = "p",
        UserId = "u",
        Status = InstanceStatus.PoweringOff,
        PowerState = PowerState.On,
        TargetPowerState = PowerState.Off,
        AvailabilityZone = "zone-a",
        InstanceTypeUuid = Guid.NewGuid(),
        ImageUuid = Guid.NewGuid(),
        CreatedAt = Now.AddHours(-1),
        LastError = "an earlier failure",
    };

    [Fact]
    public void ASuccessfulBuildIsActivePoweredOnAndLaunched()
    {
        var building = Transitioning with { Status = InstanceStatus.Building, PowerState = null, TargetPowerState = null, LastError = null };
        var port = new NetworkPort(Guid.NewGuid(), Guid.NewGuid(), null, "fa:16:3e:00:00:01", [new FixedIp("10.0.0.5", Guid.NewGuid())]);

        var after = OperationCompletion.Apply(building, OperationKind.Build, OperationResult.Success(PowerState.On, "node-1", [port]), Now);

        Assert.Equal(InstanceStatus.Active, after.Status);
        Assert.Equal(PowerState.On, after.PowerState);
        Assert.Equal(Now, after.LaunchedAt);
        Assert.Equal("node-1", after.NodeId);
        Assert.Equal(port, Assert.Single(after.NetworkInfo));
    }

    [Fact]
    public void AFailedBuildIsErrorWithAFault()
    {
        var building = Transitioning with { Status = InstanceStatus.Building, PowerState = null, TargetPowerState = null };

        var after = OperationCompletion.Apply(building, OperationKind.Build, OperationResult.Failure("No valid host was found."), Now);

        Assert.Equal(InstanceStatus.Error, after.Status);
        Assert.Equal(new Fault(500, "No valid host was found.", Now), after.Fault);
        Assert.Null(after.LaunchedAt);
    }

    [Fact]
    public void ASuccessfulPowerChangeClearsTheTargetAndTheLastError()
    {
        var after = OperationCompletion.Apply(Transitioning, OperationKind.Power, OperationResult.Success(PowerState.Off), Now);

        Assert.Equal(InstanceStatus.Stopped, after.Status);
        Assert.Equal(PowerState.Off, after.PowerState);
        Assert.Null(after.TargetPowerState);
        Assert.Null(after.LastError);
    }

    [Theory]
    [InlineData(PowerState.On, InstanceStatus.Active)]
    [InlineData(PowerState.Off, InstanceStatus.Stopped)]
    [InlineData(null, InstanceStatus.Error)]
    public void AFailedPowerChangeMatchesWhatTheDriverLastReported(PowerState? reported, InstanceStatus expected)
    {
        var after = OperationCompletion.Apply(Transitioning, OperationKind.Power, OperationResult.Failure("BMC timeout", reported), Now);

        Assert.Equal(expected, after.Status);
        Assert.Equal(reported, after.PowerState);
        Assert.Null(after.TargetPowerState);
        Assert.Equal("BMC timeout", after.LastError);
    }

    [Fact]
    public void AFailedTeardownIsErrorAndSaysWhy()
    {
        var deleting = Transitioning with { Status = InstanceStatus.Deleting, TargetPowerState = null };

        var after = OperationCompletion.Apply(deleting, OperationKind.Delete, OperationResult.Failure("Simulated teardown failure."), Now);

        Assert.Equal(InstanceStatus.Error, after.Status);
        Assert.Equal("Simulated teardown failure.", after.Fault!.Message);
    }

    [Fact]
    public void ASuccessfulRebuildIsActivePoweredOnWithoutError()
    {
        var rebuilding = Transitioning with { Status = InstanceStatus.Rebuilding, PowerState = PowerState.Off, TargetPowerState = PowerState.On };

        var after = OperationCompletion.Apply(rebuilding, OperationKind.Rebuild, OperationResult.Success(PowerState.On), Now);

        Assert.Equal(InstanceStatus.Active, after.Status);
        Assert.Equal(PowerState.On, after.PowerState);
        Assert.Null(after.TargetPowerState);
        Assert.Null(after.LastError);
        Assert.Null(after.Fault);
    }

    [Fact]
    public void AFailedRebuildIsErrorWithAFaultThatSaysWhy()
    {
        var rebuilding = Transitioning with { Status = InstanceStatus.Rebuilding, TargetPowerState = PowerState.On };

        var after = OperationCompletion.Apply(rebuilding, OperationKind.Rebuild, OperationResult.Failure("Rebuild failed: delete it."), Now);

        Assert.Equal(InstanceStatus.Error, after.Status);
        Assert.Null(after.TargetPowerState);
        Assert.Equal(new Fault(500, "Rebuild failed: delete it.", Now), after.Fault);
        Assert.Equal("Rebuild failed: delete it.", after.LastError);
    }
}
