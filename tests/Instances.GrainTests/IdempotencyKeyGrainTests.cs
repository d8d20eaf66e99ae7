using Instances.Abstractions;

namespace Instances.GrainTests;

/// <summary>The idempotency key grain: one instance per key, replays, a different body refused, concurrency.</summary>
[Collection(ClusterCollection.Name)]
public sealed class IdempotencyKeyGrainTests(ClusterFixture cluster)
{
    private IIdempotencyKeyGrain NewKey() =>
        cluster.Grains.GetGrain<IIdempotencyKeyGrain>(IdempotencyKeys.GrainKey(Given.Owner.ProjectId, Guid.NewGuid().ToString()));

    [Fact]
    public async Task TheFirstUseCreatesAndTheNextReplaysTheSameInstance()
    {
        var key = NewKey();
        var command = Given.Command(Given.NewZone());

        var first = await key.CreateOnceAsync("hash", command);
        var again = await key.CreateOnceAsync("hash", command);

        Assert.Equal(IdempotentCreateKind.Created, first.Kind);
        Assert.Equal(first.InstanceUuid, first.Created?.Instance?.Uuid);
        Assert.Equal(IdempotentCreateKind.Replayed, again.Kind);
        Assert.Equal(first.InstanceUuid, again.InstanceUuid);
        Assert.NotNull(await cluster.Grains.GetGrain<IInstanceGrain>(first.InstanceUuid).GetAsync(Given.Owner));
    }

    [Fact]
    public async Task AKeyLeavesMemoryOnceItsCreateIsAnsweredAndAReplayReadsItBack()
    {
        var key = NewKey();
        var command = Given.Command(Given.NewZone());
        var first = await key.CreateOnceAsync("hash", command);

        await Eventually.MatchAsync(() => cluster.IsActiveAsync(key.GetGrainId()), active => !active);
        var again = await key.CreateOnceAsync("hash", command);

        Assert.Equal(IdempotentCreateKind.Replayed, again.Kind);
        Assert.Equal(first.InstanceUuid, again.InstanceUuid);
    }

    [Fact]
    public async Task ADifferentRequestHashIsAReusedKey()
    {
        var key = NewKey();
        var command = Given.Command(Given.NewZone());
        await key.CreateOnceAsync("hash", command);

        var other = await key.CreateOnceAsync("other", command);

        Assert.Equal(IdempotentCreateKind.KeyReused, other.Kind);
    }

    [Fact]
    public async Task ConcurrentUsesCreateExactlyOneInstance()
    {
        var key = NewKey();
        var command = Given.Command(Given.NewZone());

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => key.CreateOnceAsync("hash", command)));

        Assert.Single(outcomes, o => o.Kind == IdempotentCreateKind.Created);
        Assert.Single(outcomes.Select(o => o.InstanceUuid).Distinct());
    }
}
