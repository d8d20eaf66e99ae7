using System.Collections.Immutable;
using Instances.Abstractions;
using Instances.Grains.Projection;

namespace Instances.GrainTests;

[Collection(ClusterCollection.Name)]
public sealed class ProjectionAndTypesTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private GrainInstanceIndex Index => new(Grains);

    [Fact]
    public async Task ACreatedInstanceIsListedAtOnceAndADeletedOneDisappears()
    {
        var project = $"project-{Guid.NewGuid():N}";
        var caller = new Caller(project, "u", false);
        var grain = Grains.GetGrain<IInstanceGrain>(Guid.NewGuid());
        await grain.CreateAsync(Given.Command(Given.NewZone(), caller));

        var listed = await Index.QueryAsync(new InstanceQuery { ProjectId = project });
        Assert.Equal(grain.GetPrimaryKey(), Assert.Single(listed.Items).Uuid);

        await Given.StatusAsync(grain, InstanceStatus.Active);
        await grain.DeleteAsync(caller);
        await Eventually.MatchAsync(() => Index.QueryAsync(new InstanceQuery { ProjectId = project }), page => page.Items.Count == 0);
    }

    [Fact]
    public async Task PagesAcrossShardsAreCompleteAndOrdered()
    {
        var project = $"project-{Guid.NewGuid():N}";
        var caller = new Caller(project, "u", false);
        var zone = Given.NewZone();
        var created = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            var grain = Grains.GetGrain<IInstanceGrain>(Guid.NewGuid());
            await grain.CreateAsync(Given.Command(zone, caller) with { Name = $"n{i:D2}" });
            created.Add(grain.GetPrimaryKey());
        }

        var query = new InstanceQuery { ProjectId = project, SortKey = InstanceSortKey.Name, Descending = false, Limit = 5 };
        var names = new List<string>();
        InstancePage page;
        do
        {
            page = await Index.QueryAsync(query);
            names.AddRange(page.Items.Select(i => i.Name));
            query = query with { After = page.Items.Count > 0 ? page.Items[^1] : null };
        }
        while (page.HasMore);

        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"n{i:D2}"), names);
    }

    [Fact]
    public async Task ATypeInUseCannotBeDeletedUntilItsInstancesAreGone()
    {
        var typeId = Guid.NewGuid();
        var type = Grains.GetGrain<IInstanceTypeGrain>(typeId);
        await type.CreateAsync(new InstanceTypeDefinition("small", null, true, ImmutableSortedDictionary<string, string>.Empty));
        var grain = Grains.GetGrain<IInstanceGrain>(Guid.NewGuid());
        await grain.CreateAsync(Given.Command(Given.NewZone()) with { InstanceTypeUuid = typeId });

        Assert.Equal(OutcomeKind.Conflict, (await type.DeleteAsync()).Kind);

        await Given.StatusAsync(grain, InstanceStatus.Active);
        await grain.DeleteAsync(Given.Owner);
        await Eventually.MatchAsync(() => grain.GetAsync(Given.Admin), i => i is null);
        Assert.Equal(OutcomeKind.Accepted, (await type.DeleteAsync()).Kind);
        Assert.Null(await type.GetAsync());
        Assert.DoesNotContain(await Grains.GetGrain<ITypeCatalogGrain>(0).ListAsync(), t => t.Uuid == typeId);
    }

    [Fact]
    public async Task ExtraSpecsMergeAndRemove()
    {
        var type = Grains.GetGrain<IInstanceTypeGrain>(Guid.NewGuid());
        await type.CreateAsync(new InstanceTypeDefinition("gpu", "d", false, ImmutableSortedDictionary<string, string>.Empty.Add("a", "1")));

        var merged = await type.MergeExtraSpecsAsync(ImmutableSortedDictionary<string, string>.Empty.Add("b", "2").Add("a", "3"));

        Assert.Equal(new Dictionary<string, string> { ["a"] = "3", ["b"] = "2" }, merged!.ExtraSpecs);
        Assert.Equal(OutcomeKind.Accepted, (await type.RemoveExtraSpecAsync("a")).Kind);
        Assert.Equal(OutcomeKind.NotFound, (await type.RemoveExtraSpecAsync("a")).Kind);
        Assert.Equal(["b"], (await type.GetAsync())!.ExtraSpecs.Keys);
    }
}
