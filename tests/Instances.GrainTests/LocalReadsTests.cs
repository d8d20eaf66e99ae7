using Instances.Abstractions;
using Instances.Grains.Instances;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Instances.GrainTests;

/// <summary>
/// What the gateway answers from <see cref="LocalInstances"/> without a grain call must be what the
/// grain answers, at every step of an instance's life, on whichever silo hosts it.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LocalReadsTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private IEnumerable<LocalInstances> EverySilo =>
        fixture.Cluster.Silos.OfType<InProcessSiloHandle>().Select(s => s.SiloHost.Services.GetRequiredService<LocalInstances>());

    [Fact]
    public async Task TheHostingSiloAnswersWhatTheGrainAnswersThroughAPowerChange()
    {
        var grain = await Given.ActiveAsync(Grains);
        await AssertAnsweredLikeTheGrainAsync(grain);

        Assert.Equal(OutcomeKind.Accepted, (await grain.SetPowerAsync(Given.Owner, PowerAction.Off, null)).Kind);
        await AssertAnsweredLikeTheGrainAsync(grain);

        await Given.StatusAsync(grain, InstanceStatus.Stopped);
        await AssertAnsweredLikeTheGrainAsync(grain);
    }

    [Fact]
    public async Task NoSiloAnswersForAnInstanceOnceItsDeleteCompleted()
    {
        var grain = await Given.ActiveAsync(Grains);
        var id = grain.GetPrimaryKey();

        // (Not compared while deleting: the teardown takes 0.1 s, so it may end between two reads.)
        Assert.Equal(OutcomeKind.Accepted, (await grain.DeleteAsync(Given.Owner)).Kind);

        await Eventually.MatchAsync(() => grain.GetAsync(Given.Admin), i => i is null);
        Assert.All(EverySilo, local => Assert.False(local.TryRead(id, Given.Admin, out _)));
    }

    /// <summary>
    /// Exactly one silo holds the active instance, and its answer equals the grain's for owner,
    /// stranger and admin: the one read just before the grain's or the one just after (a running
    /// operation may end between two reads, never twice in a second).
    /// </summary>
    private async Task AssertAnsweredLikeTheGrainAsync(IInstanceGrain grain)
    {
        foreach (var caller in new[] { Given.Owner, Given.Stranger, Given.Admin })
        {
            var before = Essentials(LocalRead(grain.GetPrimaryKey(), caller));
            var fromGrain = Essentials(await grain.GetAsync(caller));
            var after = Essentials(LocalRead(grain.GetPrimaryKey(), caller));
            Assert.True(fromGrain == before || fromGrain == after, $"grain {fromGrain}, this node before {before}, after {after}");
        }
    }

    /// <summary>The grain's answer reaches the test client as a copy (its collections are new objects), so records are compared by what reads show.</summary>
    private static (Guid, long, InstanceStatus, PowerState?, PowerState?, bool, string?)? Essentials(InstanceSnapshot? s) =>
        s is null ? null : (s.Uuid, s.Version, s.Status, s.PowerState, s.TargetPowerState, s.Locked, s.LastError);

    private InstanceSnapshot? LocalRead(Guid id, Caller caller)
    {
        var answers = EverySilo.Select(local => (Held: local.TryRead(id, caller, out var visible), Visible: visible)).Where(a => a.Held).ToList();
        return Assert.Single(answers).Visible;
    }
}
