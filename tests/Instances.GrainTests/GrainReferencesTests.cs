using Instances.Abstractions;
using Instances.Grains.Instances;
using Instances.Grains.Simulated;

namespace Instances.GrainTests;

/// <summary>The reflection-free references name the same grains as Orleans' own lookups, and work.</summary>
[Collection(ClusterCollection.Name)]
public sealed class GrainReferencesTests(ClusterFixture fixture)
{
    [Fact]
    public async Task TheCachedReferenceIsTheSameGrainAsGetGrain()
    {
        var created = await Given.CreatedAsync(fixture.Grains);
        var id = created.GetPrimaryKey();

        var cached = fixture.Grains.GetInstance(id);

        Assert.Equal(((GrainReference)fixture.Grains.GetGrain<IInstanceGrain>(id)).GrainId, ((GrainReference)cached).GrainId);
        Assert.Equal(id, (await cached.GetAsync(Given.Owner))!.Uuid);
        Assert.NotEqual(((GrainReference)fixture.Grains.GetInstance(Guid.NewGuid())).GrainId, ((GrainReference)cached).GrainId);
    }

    [Fact]
    public async Task AStringKeyedReferenceIsTheSameGrainAsGetGrainAndAnswers()
    {
        var node = $"node-{Guid.NewGuid():N}";

        var cached = fixture.Grains.Reference<ISimulatedNodeGrain>(IdSpan.Create(node));

        var stock = (GrainReference)fixture.Grains.GetGrain<ISimulatedNodeGrain>(node);
        Assert.Equal((stock.GrainId, stock.InterfaceType), (((GrainReference)cached).GrainId, ((GrainReference)cached).InterfaceType));
        Assert.Equal(PowerState.On, await cached.ApplyPowerAsync(PowerAction.On));
        Assert.Equal(PowerState.On, (await fixture.Grains.GetGrain<ISimulatedNodeGrain>(node).GetAsync()).Power);
    }

    [Fact]
    public async Task AGrainSeenThroughAnotherOfItsInterfacesIsAsAsReferenceNamesIt()
    {
        var created = await Given.CreatedAsync(fixture.Grains);

        var cached = fixture.Grains.Reference<IInstanceOperationsGrain>(created.GetGrainId());

        var stock = (GrainReference)created.AsReference<IInstanceOperationsGrain>();
        Assert.Equal((stock.GrainId, stock.InterfaceType), (((GrainReference)cached).GrainId, ((GrainReference)cached).InterfaceType));
    }
}
