using Instances.Abstractions;
using Instances.Grains.Instances;

namespace Instances.GrainTests;

/// <summary>API.md §3 lock rules and §5 action history, at the grain.</summary>
[Collection(ClusterCollection.Name)]
public sealed class LockAndHistoryTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task LockingPersistsAsANewVersionAndRefusesTheOwnerButNotAnAdmin()
    {
        var grain = await Given.ActiveAsync(Grains);
        var before = (await grain.GetAsync(Given.Owner))!;

        Assert.Equal(OutcomeKind.Accepted, (await grain.SetLockAsync(Given.Owner, true)).Kind);

        var locked = (await grain.GetAsync(Given.Owner))!;
        Assert.True(locked.Locked);
        Assert.Equal(before.Version + 1, locked.Version);
        var refused = await grain.SetPowerAsync(Given.Owner, PowerAction.Off, null);
        Assert.Equal(OutcomeKind.Conflict, refused.Kind);
        Assert.Contains("locked", refused.Detail);
        Assert.Equal(OutcomeKind.Conflict, (await grain.RebuildAsync(Given.Owner, null)).Kind);
        Assert.Equal(OutcomeKind.Conflict, (await grain.DeleteAsync(Given.Owner)).Kind);
        Assert.Equal(OutcomeKind.Accepted, (await grain.SetPowerAsync(Given.Admin, PowerAction.Off, null)).Kind);
    }

    [Fact]
    public async Task OnlyAnAdminUnlocksWhatAnAdminLocked()
    {
        var grain = await Given.ActiveAsync(Grains);
        Assert.Equal(OutcomeKind.Accepted, (await grain.SetLockAsync(Given.Admin, true)).Kind);

        Assert.Equal(OutcomeKind.Forbidden, (await grain.SetLockAsync(Given.Owner, false)).Kind);
        Assert.Equal(OutcomeKind.NotFound, (await grain.SetLockAsync(Given.Stranger, false)).Kind);
        Assert.Equal(OutcomeKind.Accepted, (await grain.SetLockAsync(Given.Admin, false)).Kind);
        Assert.False((await grain.GetAsync(Given.Owner))!.Locked);
    }

    [Fact]
    public async Task TheHistoryKeepsTheLastHundredActionsNewestFirst()
    {
        var grain = await Given.ActiveAsync(Grains);

        for (var i = 0; i < 60; i++)
        {
            Assert.Equal(OutcomeKind.Accepted, (await grain.SetLockAsync(Given.Owner, true)).Kind);
            Assert.Equal(OutcomeKind.Accepted, (await grain.SetLockAsync(Given.Owner, false)).Kind);
        }

        var actions = (await grain.GetActionsAsync(Given.Owner))!.Value;
        Assert.Equal(ActionHistory.MaxEntries, actions.Length);
        Assert.Equal("unlock", actions[0].Action);
        Assert.DoesNotContain(actions, a => a.Action == "create");
        Assert.Null(await grain.GetActionsAsync(Given.Stranger));
    }
}
