using Instances.Abstractions;

namespace Instances.GrainTests;

[Collection(ClusterCollection.Name)]
public sealed class PowerTransitionTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Theory]
    [InlineData(PowerAction.Off, InstanceStatus.PoweringOff, PowerState.Off, InstanceStatus.Stopped)]
    [InlineData(PowerAction.SoftOff, InstanceStatus.SoftPoweringOff, PowerState.Off, InstanceStatus.Stopped)]
    [InlineData(PowerAction.Reboot, InstanceStatus.Rebooting, PowerState.On, InstanceStatus.Active)]
    [InlineData(PowerAction.SoftReboot, InstanceStatus.SoftRebooting, PowerState.On, InstanceStatus.Active)]
    public async Task FromActiveEachActionPassesThroughItsTransitionalStatus(
        PowerAction action, InstanceStatus transitional, PowerState target, InstanceStatus final)
    {
        var grain = await Given.ActiveAsync(Grains);

        var outcome = await grain.SetPowerAsync(Given.Owner, action, null);

        Assert.Equal(OutcomeKind.Accepted, outcome.Kind);
        var during = (await grain.GetAsync(Given.Owner))!;
        Assert.Equal(transitional, during.Status);
        Assert.Equal(target, during.TargetPowerState);
        var after = await Given.StatusAsync(grain, final);
        Assert.Equal(target, after!.PowerState);
        Assert.Null(after.TargetPowerState);
        Assert.Null(after.LastError);
    }

    [Fact]
    public async Task FromStoppedPowerOnPassesThroughPoweringOn()
    {
        var grain = await Given.StoppedAsync(Grains);

        Assert.Equal(OutcomeKind.Accepted, (await grain.SetPowerAsync(Given.Owner, PowerAction.On, null)).Kind);

        Assert.Equal(InstanceStatus.PoweringOn, (await grain.GetAsync(Given.Owner))!.Status);
        var after = await Given.StatusAsync(grain, InstanceStatus.Active);
        Assert.Equal(PowerState.On, after!.PowerState);
    }

    [Theory]
    [InlineData(PowerAction.Off)]
    [InlineData(PowerAction.SoftOff)]
    public async Task PoweringOffAStoppedInstanceIsANoOp(PowerAction action)
    {
        var grain = await Given.StoppedAsync(Grains);
        var before = (await grain.GetAsync(Given.Owner))!;

        Assert.Equal(OutcomeKind.NoOp, (await grain.SetPowerAsync(Given.Owner, action, null)).Kind);

        Assert.Equal(before.Version, (await grain.GetAsync(Given.Owner))!.Version);
    }

    [Fact]
    public async Task PoweringOnAnActiveInstanceIsANoOp()
    {
        var grain = await Given.ActiveAsync(Grains);

        Assert.Equal(OutcomeKind.NoOp, (await grain.SetPowerAsync(Given.Owner, PowerAction.On, null)).Kind);
        Assert.Equal(InstanceStatus.Active, (await grain.GetAsync(Given.Owner))!.Status);
    }

    [Theory]
    [InlineData(PowerAction.Reboot)]
    [InlineData(PowerAction.SoftReboot)]
    public async Task RebootingAStoppedInstanceIsInvalidState(PowerAction action)
    {
        var grain = await Given.StoppedAsync(Grains);

        var outcome = await grain.SetPowerAsync(Given.Owner, action, null);

        Assert.Equal(OutcomeKind.InvalidState, outcome.Kind);
        Assert.Contains("stopped", outcome.Detail);
    }

    [Fact]
    public async Task PowerWhileBuildingIsConflict()
    {
        var grain = await Given.CreatedAsync(Grains);

        Assert.Equal(OutcomeKind.Conflict, (await grain.SetPowerAsync(Given.Owner, PowerAction.Off, null)).Kind);
    }

    [Fact]
    public async Task PowerOnAnInstanceInErrorIsInvalidState()
    {
        var grain = await Given.CreatedAsync(Grains, await Given.ExhaustedZoneAsync(Grains));
        await Given.StatusAsync(grain, InstanceStatus.Error);

        Assert.Equal(OutcomeKind.InvalidState, (await grain.SetPowerAsync(Given.Owner, PowerAction.On, null)).Kind);
    }

    [Fact]
    public async Task ATimedOutPowerChangeReturnsToTheStatusTheDriverReportsAndSaysWhy()
    {
        var grain = await Given.ActiveAsync(Grains);

        var outcome = await grain.SetPowerAsync(Given.Owner, PowerAction.Off, ClusterFixture.PowerDuration / 10);

        Assert.Equal(OutcomeKind.Accepted, outcome.Kind);
        var after = await Eventually.MatchAsync(() => grain.GetAsync(Given.Owner), i => i!.LastError is not null);
        Assert.Equal(InstanceStatus.Active, after!.Status);
        Assert.Equal(PowerState.On, after.PowerState);
        Assert.Null(after.TargetPowerState);
        Assert.Contains("timed out", after.LastError);
    }

    [Fact]
    public async Task OfFiftyConcurrentConflictingRequestsExactlyOneIsAccepted()
    {
        var grain = await Given.ActiveAsync(Grains);
        PowerAction[] actions = [PowerAction.Off, PowerAction.Reboot, PowerAction.SoftOff, PowerAction.SoftReboot];

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50)
            .Select(i => grain.SetPowerAsync(Given.Owner, actions[i % actions.Length], null)));

        Assert.Single(outcomes, o => o.Kind == OutcomeKind.Accepted);
        Assert.Equal(49, outcomes.Count(o => o.Kind == OutcomeKind.Conflict));
    }
}
