using System.Text.Json;
using Instances.HttpTests.Infrastructure;

namespace Instances.HttpTests;

/// <summary>Each test works in a project of its own, so lists see only what the test made.</summary>
[Collection(ApiCollection.Name)]
public sealed class InstanceListTests(ApiFactory factory)
{
    private readonly Api _root = new(factory.CreateClient());

    private static string NewProject() => $"p-{Guid.NewGuid():N}";

    private static List<string> Uuids(ApiResponse list) =>
        list.Json.GetProperty("instances").EnumerateArray().Select(i => i.GetProperty("uuid").GetString()!).ToList();

    private async Task<(Api Api, List<string> Uuids)> ProjectWithInstancesAsync(int count)
    {
        var type = await _root.CreateTypeAsync();
        var api = _root.As(Identity.Member(NewProject()));
        var uuids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            uuids.Add((await api.CreateInstanceAsync(type, $"name-{i}")).GetProperty("uuid").GetString()!);
        }

        return (api, uuids);
    }

    [Fact]
    public async Task TheListShowsSummaryFieldsOnly()
    {
        var (api, _) = await ProjectWithInstancesAsync(1);

        var list = await api.GetAsync("/v1/instances");

        Assert.Equal(200, list.Status);
        var item = Assert.Single(list.Json.GetProperty("instances").EnumerateArray());
        Assert.Equal(["uuid", "name", "description", "status", "power_state", "links"], item.EnumerateObject().Select(p => p.Name));
        Assert.False(list.Json.TryGetProperty("next", out _));
    }

    [Fact]
    public async Task TheSummaryAndDetailItemsAreExactlyTheirProjectionsAndTheShownInstance()
    {
        var (api, uuids) = await ProjectWithInstancesAsync(1);
        await api.WaitForStatusAsync(uuids[0], "active"); // nothing changes between the four reads

        var summary = (await api.GetAsync("/v1/instances")).Json.GetProperty("instances")[0];
        var projected = (await api.GetAsync("/v1/instances?fields=name,description,status,power_state")).Json.GetProperty("instances")[0];
        var detail = (await api.GetAsync("/v1/instances/detail")).Json.GetProperty("instances")[0];
        var shown = (await api.GetAsync($"/v1/instances/{uuids[0]}")).Json;

        Assert.Equal(projected.GetRawText(), summary.GetRawText());
        Assert.Equal(shown.GetRawText(), detail.GetRawText());
    }

    [Fact]
    public async Task ASummaryWithTextToEscapeAndNoDescriptionIsWrittenAsItsProjection()
    {
        // The summary has a writer of its own (InstanceSummaryBody); the projection goes through the serializer.
        var type = await _root.CreateTypeAsync();
        var api = _root.As(Identity.Member(NewProject()));
        var body = (Dictionary<string, object?>)Scenario.InstanceBody(type, "quote \" back \\ tab \t é <b>&</b> \u2028 😀");
        body.Remove("availability_zone");
        body.Remove("description");
        var created = await api.PostAsync("/v1/instances", body);
        Assert.Equal(201, created.Status);
        var uuid = created.Json.GetProperty("uuid").GetString()!;
        await api.WaitForStatusAsync(uuid, "active");

        var summary = (await api.GetAsync("/v1/instances")).Json.GetProperty("instances")[0];
        var projected = (await api.GetAsync("/v1/instances?fields=name,description,status,power_state")).Json.GetProperty("instances")[0];

        Assert.Equal(JsonValueKind.Null, summary.GetProperty("description").ValueKind);
        Assert.Equal("quote \" back \\ tab \t é <b>&</b> \u2028 😀", summary.GetProperty("name").GetString());
        Assert.Equal($"http://localhost/v1/instances/{uuid}", summary.GetProperty("links")[0].GetProperty("href").GetString());
        Assert.Equal(projected.GetRawText(), summary.GetRawText());
    }

    [Fact]
    public async Task TheDetailListShowsTheFullRepresentation()
    {
        var (api, _) = await ProjectWithInstancesAsync(1);

        var list = await api.GetAsync("/instances/detail");

        var item = Assert.Single(list.Json.GetProperty("instances").EnumerateArray());
        foreach (var field in new[] { "project_id", "user_id", "network_info", "extra", "fault", "locked", "image_uuid", "created_at", "updated_at", "launched_at", "target_power_state" })
        {
            Assert.True(item.TryGetProperty(field, out _), field);
        }
    }

    [Fact]
    public async Task FieldsLimitsTheListToThoseFieldsPlusUuidAndLinks()
    {
        var (api, _) = await ProjectWithInstancesAsync(1);

        var list = await api.GetAsync("/v1/instances/detail?fields=name,availability_zone");

        var item = Assert.Single(list.Json.GetProperty("instances").EnumerateArray());
        Assert.Equal(["uuid", "name", "availability_zone", "links"], item.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task LimitAndMarkerPageThroughTheListWithAnAbsoluteNextLink()
    {
        var (api, created) = await ProjectWithInstancesAsync(5);

        var seen = new List<string>();
        var url = "/v1/instances?limit=2&sort_key=name&sort_dir=asc";
        var pages = 0;
        while (url is not null)
        {
            var page = await api.GetAsync(url);
            Assert.Equal(200, page.Status);
            seen.AddRange(Uuids(page));
            url = page.Json.TryGetProperty("next", out var next) ? next.GetString() : null;
            Assert.True(url is null || url.StartsWith("http://localhost/v1/instances?", StringComparison.Ordinal), url);
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(created, seen); // created as name-0..name-4, sorted by name ascending
    }

    [Fact]
    public async Task ALimitAboveTheMaximumIsCappedNotRefused()
    {
        var (api, created) = await ProjectWithInstancesAsync(1);

        var list = await api.GetAsync("/v1/instances?limit=5000");
        var huge = await api.GetAsync("/v1/instances?limit=123456789012345678901234567890");

        Assert.Equal(created, Uuids(list));
        Assert.Equal(created, Uuids(huge));
    }

    [Fact]
    public async Task SortingDefaultsToNewestFirst()
    {
        var (api, created) = await ProjectWithInstancesAsync(3);

        var list = await api.GetAsync("/v1/instances");

        Assert.Equal(Enumerable.Reverse(created), Uuids(list));
    }

    [Fact]
    public async Task FiltersSelectByNameStatusZoneAndLocked()
    {
        var (api, created) = await ProjectWithInstancesAsync(3);
        await api.WaitForStatusAsync(created[1], "active");

        var byName = await api.GetAsync("/v1/instances?name=name-2");
        var byStatus = await api.GetAsync("/v1/instances?status=active&power_state=power%20on");
        var byZone = await api.GetAsync("/v1/instances?availability_zone=zone-b");
        var unlocked = await api.GetAsync("/v1/instances?locked=false");

        Assert.Equal([created[2]], Uuids(byName));
        Assert.Contains(created[1], Uuids(byStatus));
        Assert.Empty(Uuids(byZone));
        Assert.Equal(3, Uuids(unlocked).Count);
    }

    [Fact]
    public async Task AMemberCannotWidenTheListWithAllTenantsOrProjectId()
    {
        var (owner, created) = await ProjectWithInstancesAsync(1);
        var stranger = _root.As(Identity.Member(NewProject()));

        var all = await stranger.GetAsync("/v1/instances?all_tenants=true");
        var other = await stranger.GetAsync($"/v1/instances?project_id=whatever");

        Assert.Empty(Uuids(all));
        Assert.Empty(Uuids(other));
        Assert.Equal(created, Uuids(await owner.GetAsync("/v1/instances")));
    }

    [Fact]
    public async Task AnAdminSeesTheirOwnProjectUnlessAskingForAllTenantsOrAProject()
    {
        var (member, created) = await ProjectWithInstancesAsync(1);
        var project = (await member.GetAsync($"/v1/instances/{created[0]}")).Json.GetProperty("project_id").GetString();
        var admin = _root.As(Identity.Admin(NewProject()));

        var own = await admin.GetAsync("/v1/instances");
        var all = await admin.GetAsync("/v1/instances?all_tenants=1&limit=1000");
        var scoped = await admin.GetAsync($"/v1/instances?project_id={project}");

        Assert.Empty(Uuids(own));
        Assert.Contains(created[0], Uuids(all));
        Assert.Equal(created, Uuids(scoped));
    }

    [Fact]
    public async Task AMarkerFromAnotherProjectIsRefusedLikeAnUnknownOne()
    {
        var (_, created) = await ProjectWithInstancesAsync(1);
        var stranger = _root.As(Identity.Member(NewProject()));

        var response = await stranger.GetAsync($"/v1/instances?marker={created[0]}");

        ProblemAssert.Is(response, 400, "marker", created[0]);
    }

    [Fact]
    public async Task ADeletedInstanceDisappearsFromTheList()
    {
        var (api, created) = await ProjectWithInstancesAsync(2);
        await api.WaitForStatusAsync(created[0], "active");

        Assert.Equal(204, (await api.DeleteAsync($"/v1/instances/{created[0]}")).Status);

        await Eventually.UntilAsync(() => api.GetAsync("/v1/instances"), r => !Uuids(r).Contains(created[0]), what: "the deleted instance to leave the list");
        Assert.Equal([created[1]], Uuids(await api.GetAsync("/v1/instances")));
    }
}
