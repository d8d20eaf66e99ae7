using Instances.Abstractions;
using Instances.Grains.Projection;
using Instances.Grains.Simulated;
using Orleans.Core.Internal;

namespace Instances.GrainTests;

/// <summary>API.md §5 "Rebuild": driven, conflicting and crash-safe exactly like a power transition.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RebuildTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task ARebuildFromActivePassesThroughRebuildingAndDeploysTheNewImage()
    {
        var grain = await Given.ActiveAsync(Grains);
        var image = Guid.NewGuid();

        Assert.Equal(OutcomeKind.Accepted, (await grain.RebuildAsync(Given.Owner, image)).Kind);

        var during = (await grain.GetAsync(Given.Owner))!;
        Assert.Equal(InstanceStatus.Rebuilding, during.Status);
        Assert.Equal(PowerState.On, during.TargetPowerState);
        var after = await Given.StatusAsync(grain, InstanceStatus.Active);
        Assert.Equal(image, after!.ImageUuid);
        Assert.Equal(PowerState.On, after.PowerState);
        Assert.Null(after.TargetPowerState);
        Assert.Equal(image, (await Grains.GetGrain<ISimulatedNodeGrain>(after.NodeId!).GetAsync()).DeployedImage);
    }

    [Fact]
    public async Task ARebuildFromStoppedEndsActiveAndPoweredOnWithTheSameImage()
    {
        var grain = await Given.StoppedAsync(Grains);
        var image = (await grain.GetAsync(Given.Owner))!.ImageUuid;

        Assert.Equal(OutcomeKind.Accepted, (await grain.RebuildAsync(Given.Owner, null)).Kind);

        var after = await Given.StatusAsync(grain, InstanceStatus.Active);
        Assert.Equal(PowerState.On, after!.PowerState);
        Assert.Equal(image, after.ImageUuid);
    }

    [Fact]
    public async Task ARebuildWhilePoweringOffIsConflictAndAPowerChangeWhileRebuildingToo()
    {
        var grain = await Given.ActiveAsync(Grains);
        Assert.Equal(OutcomeKind.Accepted, (await grain.SetPowerAsync(Given.Owner, PowerAction.Off, null)).Kind);

        Assert.Equal(OutcomeKind.Conflict, (await grain.RebuildAsync(Given.Owner, null)).Kind);

        await Given.StatusAsync(grain, InstanceStatus.Stopped);
        Assert.Equal(OutcomeKind.Accepted, (await grain.RebuildAsync(Given.Owner, null)).Kind);
        Assert.Equal(OutcomeKind.Conflict, (await grain.SetPowerAsync(Given.Owner, PowerAction.On, null)).Kind);
        Assert.Equal(OutcomeKind.Conflict, (await grain.RebuildAsync(Given.Owner, null)).Kind);
    }

    [Fact]
    public async Task ARebuildOfAnInstanceInErrorIsInvalidState()
    {
        var grain = await Given.CreatedAsync(Grains, await Given.ExhaustedZoneAsync(Grains));
        await Given.StatusAsync(grain, InstanceStatus.Error);

        var outcome = await grain.RebuildAsync(Given.Owner, null);

        Assert.Equal(OutcomeKind.InvalidState, outcome.Kind);
        Assert.Contains("active or stopped", outcome.Detail);
    }

    [Fact]
    public async Task AGrainDeactivatedMidRebuildIsResumedByItsReminderAndFinishes()
    {
        var grain = await Given.ActiveAsync(Grains);
        var image = Guid.NewGuid();
        Assert.Equal(OutcomeKind.Accepted, (await grain.RebuildAsync(Given.Owner, image)).Kind);

        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();

        // Watched through the projection: calling the grain would reactivate it itself.
        var index = new GrainInstanceIndex(Grains);
        var done = await Eventually.MatchAsync(() => index.FindAsync(grain.GetPrimaryKey()), i => i!.Status == InstanceStatus.Active);
        Assert.Equal(image, done!.ImageUuid);
        Assert.Equal(image, (await Grains.GetGrain<ISimulatedNodeGrain>(done.NodeId!).GetAsync()).DeployedImage);
        var rebuild = (await grain.GetActionsAsync(Given.Owner))!.Value[0];
        Assert.Equal(("rebuild", ActionResult.Success), (rebuild.Action, rebuild.Result));
    }
}
