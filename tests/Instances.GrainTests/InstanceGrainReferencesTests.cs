using Instances.Abstractions;

namespace Instances.GrainTests;

/// <summary>The reflection-free reference names the same grain as Orleans' own lookup, and works.</summary>
[Collection(ClusterCollection.Name)]
public sealed class InstanceGrainReferencesTests(ClusterFixture fixture)
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
}
