using Instances.Abstractions;
using Instances.Grains.Simulated;
using Orleans.Core.Internal;

namespace Instances.GrainTests;

/// <summary>Issue 8: a grain that activates re-reads its power state, so changes made while nobody looked are noticed.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PowerSyncTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task AnActivationNoticesAPowerChangeMadeWhileTheGrainWasAway()
    {
        var grain = await Given.ActiveAsync(Grains);
        var node = (await grain.GetAsync(Given.Owner))!.NodeId!;
        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();

        await Grains.GetGrain<ISimulatedNodeGrain>(node).SetPowerOutOfBandAsync(PowerState.Off);

        var synced = await Eventually.MatchAsync(() => grain.GetAsync(Given.Owner), i => i!.Status == InstanceStatus.Stopped);
        Assert.Equal(PowerState.Off, synced!.PowerState);
        Assert.Null(synced.TargetPowerState);
        var entry = (await grain.GetActionsAsync(Given.Owner))!.Value[0];
        Assert.Equal("power sync", entry.Action);
        Assert.Equal(ActionResult.Success, entry.Result);
        Assert.Equal(0, (await Grains.GetGrain<ISimulatedNodeGrain>(node).GetAsync()).PowerActions);
    }
}
