using Instances.Abstractions;
using Instances.Grains.Instances;
using Instances.Grains.Projection;
using Instances.Grains.Simulated;
using Orleans.Core.Internal;

namespace Instances.GrainTests;

/// <summary>DESIGN.md §2: operations survive the loss of their activation and complete exactly once.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CrashSafetyTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task AGrainDeactivatedMidTransitionIsResumedByItsReminderAndFinishes()
    {
        var grain = await Given.ActiveAsync(Grains);
        var node = (await grain.GetAsync(Given.Owner))!.NodeId!;
        Assert.Equal(OutcomeKind.Accepted, (await grain.SetPowerAsync(Given.Owner, PowerAction.Off, null)).Kind);

        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();

        // Watch through the projection, not the grain: a call to the grain would reactivate it
        // and hide whether the reminder alone brings the operation back.
        var index = new GrainInstanceIndex(Grains);
        var done = await Eventually.MatchAsync(() => index.FindAsync(grain.GetPrimaryKey()), i => i!.Status == InstanceStatus.Stopped);
        Assert.Equal(PowerState.Off, done!.PowerState);
        Assert.Null(done.TargetPowerState);
        Assert.Equal(PowerState.Off, (await Grains.GetGrain<ISimulatedNodeGrain>(node).GetAsync()).Power);
    }

    [Fact]
    public async Task AGrainMigratedMidBuildFinishesTheBuild()
    {
        var grain = await Given.CreatedAsync(Grains);

        await grain.Cast<IGrainManagementExtension>().MigrateOnIdle();

        var active = await Given.StatusAsync(grain, InstanceStatus.Active);
        Assert.Equal(PowerState.On, active!.PowerState);
    }

    [Fact]
    public async Task RepeatedReminderTicksDuringAnOperationApplyItOnce()
    {
        var grain = await Given.ActiveAsync(Grains);
        var before = (await grain.GetAsync(Given.Owner))!;
        var node = Grains.GetGrain<ISimulatedNodeGrain>(before.NodeId!);
        var powerActionsBefore = (await node.GetAsync()).PowerActions;
        Assert.Equal(OutcomeKind.Accepted, (await grain.SetPowerAsync(Given.Owner, PowerAction.Reboot, null)).Kind);

        for (var i = 0; i < 5; i++)
        {
            await grain.Cast<IRemindable>().ReceiveReminder("operation", default);
        }

        var after = await Given.StatusAsync(grain, InstanceStatus.Active);
        Assert.Equal(before.Version + 2, after!.Version);
        Assert.Equal(powerActionsBefore + 1, (await node.GetAsync()).PowerActions);
    }

    [Fact]
    public async Task ReminderTicksAfterCompletionChangeNothing()
    {
        var grain = await Given.StoppedAsync(Grains);
        var before = (await grain.GetAsync(Given.Owner))!;

        for (var i = 0; i < 3; i++)
        {
            await grain.Cast<IRemindable>().ReceiveReminder("operation", default);
        }

        AssertUnchanged(before, (await grain.GetAsync(Given.Owner))!);
    }

    [Fact]
    public async Task AResultForAnOperationThatIsNotPendingIsIgnored()
    {
        var grain = await Given.ActiveAsync(Grains);
        var before = (await grain.GetAsync(Given.Owner))!;

        await grain.Cast<IInstanceOperationsGrain>().CompleteOperationAsync(Guid.NewGuid(), OperationResult.Failure("stale", PowerState.Off));

        AssertUnchanged(before, (await grain.GetAsync(Given.Owner))!);
    }

    private static void AssertUnchanged(InstanceSnapshot before, InstanceSnapshot after)
    {
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Status, after.Status);
        Assert.Equal(before.PowerState, after.PowerState);
        Assert.Equal(before.UpdatedAt, after.UpdatedAt);
        Assert.Null(after.LastError);
    }
}
