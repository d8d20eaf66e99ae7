using Instances.Abstractions;
using Instances.Grains.Simulated;

namespace Instances.GrainTests;

[Collection(ClusterCollection.Name)]
public sealed class InstanceLifecycleTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task CreateStartsInBuildingAndEndsActiveAndPoweredOn()
    {
        var grain = Grains.GetGrain<IInstanceGrain>(Guid.NewGuid());

        var created = await grain.CreateAsync(Given.Command(Given.NewZone()));

        Assert.Equal(InstanceStatus.Building, created.Instance!.Status);
        Assert.Null(created.Instance.PowerState);
        Assert.Empty(created.Instance.NetworkInfo);
        var active = await Given.StatusAsync(grain, InstanceStatus.Active);
        Assert.Equal(PowerState.On, active!.PowerState);
        Assert.Null(active.TargetPowerState);
        Assert.NotNull(active.LaunchedAt);
        Assert.NotNull(active.NodeId);
        var port = Assert.Single(active.NetworkInfo);
        Assert.Single(port.FixedIps);
    }

    [Fact]
    public async Task TheNodeLeavesMemoryAfterItsDeployAndAfterAReadAndKeepsWhatWasDeployed()
    {
        var grain = await Given.ActiveAsync(Grains);
        var node = Grains.GetGrain<ISimulatedNodeGrain>((await grain.GetAsync(Given.Owner))!.NodeId!);

        await Eventually.MatchAsync(() => fixture.IsActiveAsync(node.GetGrainId()), active => !active);
        var report = await node.GetAsync();
        await Eventually.MatchAsync(() => fixture.IsActiveAsync(node.GetGrainId()), active => !active);

        Assert.Equal(PowerState.On, report.Power);
        Assert.Equal(1, report.Deployments);
        Assert.NotNull(report.DeployedImage);
        Assert.Equal(report, await node.GetAsync());
    }

    [Fact]
    public async Task CreatingTheSameUuidTwiceIsConflict()
    {
        var grain = await Given.CreatedAsync(Grains);

        var again = await grain.CreateAsync(Given.Command(Given.NewZone()));

        Assert.Equal(OutcomeKind.Conflict, again.Outcome.Kind);
    }

    [Fact]
    public async Task AnExhaustedZoneFailsTheBuildWithNoValidHost()
    {
        var zone = await Given.ExhaustedZoneAsync(Grains);

        var grain = await Given.CreatedAsync(Grains, zone);

        var failed = await Given.StatusAsync(grain, InstanceStatus.Error);
        Assert.StartsWith("No valid host was found", failed!.Fault!.Message);
        Assert.Equal(500, failed.Fault.Code);
        Assert.Equal(ClusterFixture.NodesPerZone, await Grains.GetGrain<IZoneFleetGrain>(zone).CountClaimedAsync());
    }

    [Fact]
    public async Task AnotherProjectCannotSeeOrTouchTheInstance()
    {
        var grain = await Given.ActiveAsync(Grains);

        Assert.Null(await grain.GetAsync(Given.Stranger));
        Assert.Equal(OutcomeKind.NotFound, (await grain.SetPowerAsync(Given.Stranger, PowerAction.Off, null)).Kind);
        Assert.Equal(OutcomeKind.NotFound, (await grain.DeleteAsync(Given.Stranger)).Kind);
        Assert.Equal(InstanceStatus.Active, (await grain.GetAsync(Given.Owner))!.Status);
        Assert.NotNull(await grain.GetAsync(Given.Admin));
    }

    [Fact]
    public async Task DeleteTearsDownReleasesTheNodeAndForgetsTheInstance()
    {
        var zone = Given.NewZone();
        var grain = await Given.ActiveAsync(Grains, zone);

        Assert.Equal(OutcomeKind.Accepted, (await grain.DeleteAsync(Given.Owner)).Kind);

        Assert.Equal(InstanceStatus.Deleting, (await grain.GetAsync(Given.Owner))!.Status);
        Assert.Equal(OutcomeKind.NoOp, (await grain.DeleteAsync(Given.Owner)).Kind);
        await Eventually.MatchAsync(() => grain.GetAsync(Given.Admin), i => i is null);
        Assert.Equal(0, await Grains.GetGrain<IZoneFleetGrain>(zone).CountClaimedAsync());
    }

    [Fact]
    public async Task DeleteSupersedesABuildInProgress()
    {
        var zone = Given.NewZone();
        var grain = await Given.CreatedAsync(Grains, zone);

        Assert.Equal(OutcomeKind.Accepted, (await grain.DeleteAsync(Given.Owner)).Kind);

        await Eventually.MatchAsync(() => grain.GetAsync(Given.Admin), i => i is null);
        await Eventually.MatchAsync(() => Grains.GetGrain<IZoneFleetGrain>(zone).CountClaimedAsync(), n => n == 0);
    }

    [Fact]
    public async Task DeleteSupersedesAPowerChangeInProgress()
    {
        var grain = await Given.ActiveAsync(Grains);
        Assert.Equal(OutcomeKind.Accepted, (await grain.SetPowerAsync(Given.Owner, PowerAction.Reboot, null)).Kind);

        Assert.Equal(OutcomeKind.Accepted, (await grain.DeleteAsync(Given.Owner)).Kind);

        Assert.Equal(InstanceStatus.Deleting, (await grain.GetAsync(Given.Owner))!.Status);
        await Eventually.MatchAsync(() => grain.GetAsync(Given.Admin), i => i is null);
    }

    [Fact]
    public async Task UpdateChangesWritableAttributesAndBumpsTheVersion()
    {
        var grain = await Given.ActiveAsync(Grains);
        var before = (await grain.GetAsync(Given.Owner))!;

        var updated = await grain.UpdateAsync(Given.Owner, new InstanceChanges("renamed", "d", before.Extra.Add("k", "v")), before.Version);

        Assert.Equal(OutcomeKind.Accepted, updated.Outcome.Kind);
        Assert.Equal("renamed", updated.Instance!.Name);
        Assert.Equal("v", updated.Instance.Extra["k"]);
        Assert.Equal(before.Version + 1, updated.Instance.Version);
        Assert.NotNull(updated.Instance.UpdatedAt);
    }

    [Fact]
    public async Task UpdateAgainstAStaleVersionIsConflict()
    {
        var grain = await Given.ActiveAsync(Grains);
        var before = (await grain.GetAsync(Given.Owner))!;
        await grain.UpdateAsync(Given.Owner, new InstanceChanges("first", null, before.Extra), before.Version);

        var stale = await grain.UpdateAsync(Given.Owner, new InstanceChanges("second", null, before.Extra), before.Version);

        Assert.Equal(OutcomeKind.Conflict, stale.Outcome.Kind);
        Assert.Equal("first", (await grain.GetAsync(Given.Owner))!.Name);
    }

    [Fact]
    public async Task UpdateWhileDeletingIsConflict()
    {
        var grain = await Given.ActiveAsync(Grains);
        var before = (await grain.GetAsync(Given.Owner))!;
        await grain.DeleteAsync(Given.Owner);

        var late = await grain.UpdateAsync(Given.Owner, new InstanceChanges("late", null, before.Extra), before.Version + 1);

        Assert.Equal(OutcomeKind.Conflict, late.Outcome.Kind);
    }
}
