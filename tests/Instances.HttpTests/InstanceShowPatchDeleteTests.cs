using System.Text.Json;
using Instances.HttpTests.Infrastructure;

namespace Instances.HttpTests;

[Collection(ApiCollection.Name)]
public sealed class InstanceShowPatchDeleteTests(ApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    private async Task<string> ActiveInstanceAsync() => await _api.CreateActiveInstanceAsync(await _api.CreateTypeAsync());

    [Fact]
    public async Task ShowReturnsTheInstanceAndRespectsFields()
    {
        var uuid = await ActiveInstanceAsync();

        var full = await _api.GetAsync($"/v1/instances/{uuid}");
        var some = await _api.GetAsync($"/instances/{uuid}?fields=status,power_state");

        Assert.Equal(200, full.Status);
        Assert.Equal(uuid, full.Json.GetProperty("uuid").GetString());
        Assert.Equal(["uuid", "status", "power_state", "links"], some.Json.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task ShowGivesTheNodeUuidToAdminsOnly()
    {
        var owner = _api.As(Identity.Member("project-node-uuid"));
        var uuid = await owner.CreateActiveInstanceAsync(await _api.CreateTypeAsync());

        var asOwner = (await owner.GetAsync($"/v1/instances/{uuid}")).Json;
        var asAdmin = (await _api.As(Identity.Admin("elsewhere")).GetAsync($"/v1/instances/{uuid}")).Json;

        Assert.False(asOwner.TryGetProperty("node_uuid", out _));
        Assert.False(string.IsNullOrEmpty(asAdmin.GetProperty("node_uuid").GetString()));
    }

    [Fact]
    public async Task ShowOfAnUnknownInstanceIs404NamingIt()
    {
        var missing = Guid.NewGuid().ToString();

        var response = await _api.GetAsync($"/v1/instances/{missing}");

        ProblemAssert.Is(response, 404, $"Instance {missing} could not be found.");
    }

    [Fact]
    public async Task PatchChangesNameDescriptionAndExtraAndStampsUpdatedAt()
    {
        var uuid = await ActiveInstanceAsync();
        var before = (await _api.GetAsync($"/v1/instances/{uuid}")).Json;

        var response = await _api.SendAsync(HttpMethod.Patch, $"/v1/instances/{uuid}", Api.Json(new object[]
        {
            new { op = "replace", path = "/name", value = "renamed" },
            new { op = "remove", path = "/description" },
            new { op = "add", path = "/extra/owner", value = "team a" },
            new { op = "remove", path = "/extra/role" },
        }), "application/json-patch+json");

        Assert.Equal(200, response.Status);
        var after = response.Json;
        Assert.Equal("renamed", after.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("description").ValueKind);
        Assert.Equal("""{"owner":"team a"}""", after.GetProperty("extra").GetRawText());
        Assert.NotEqual(before.GetProperty("updated_at").ToString(), after.GetProperty("updated_at").ToString());
        Assert.Equal("renamed", (await _api.GetAsync($"/v1/instances/{uuid}")).Json.GetProperty("name").GetString());
    }

    [Fact]
    public async Task PatchReplacingTheWholeExtraObjectIsAllowedWithPlainJson()
    {
        var uuid = await ActiveInstanceAsync();

        var response = await _api.PatchAsync($"/v1/instances/{uuid}", new object[] { new { op = "replace", path = "/extra", value = new { a = "1", b = "2" } } });

        Assert.Equal(200, response.Status);
        Assert.Equal("""{"a":"1","b":"2"}""", response.Json.GetProperty("extra").GetRawText());
    }

    [Fact]
    public async Task PatchOfAnInternalAttributeIs400AndChangesNothing()
    {
        var uuid = await ActiveInstanceAsync();

        var response = await _api.PatchAsync($"/v1/instances/{uuid}", new object[]
        {
            new { op = "replace", path = "/name", value = "should-not-stick" },
            new { op = "replace", path = "/status", value = "stopped" },
        });

        ProblemAssert.Is(response, 400, "/status is an internal attribute");
        Assert.NotEqual("should-not-stick", (await _api.GetAsync($"/v1/instances/{uuid}")).Json.GetProperty("name").GetString());
    }

    [Fact]
    public async Task PatchDuringAPowerTransitionStillApplies()
    {
        var uuid = await ActiveInstanceAsync();
        Assert.Equal(202, (await _api.PutAsync($"/v1/instances/{uuid}/states/power", new { target = "reboot" })).Status);

        var response = await _api.PatchAsync($"/v1/instances/{uuid}", new object[] { new { op = "add", path = "/extra/during", value = "reboot" } });

        Assert.Equal(200, response.Status);
        var settled = await _api.WaitForStatusAsync(uuid, "active");
        Assert.Equal("reboot", settled.GetProperty("extra").GetProperty("during").GetString());
    }

    [Fact]
    public async Task DeleteIs204ThenDeletingThenGone()
    {
        var uuid = await ActiveInstanceAsync();

        var response = await _api.DeleteAsync($"/v1/instances/{uuid}");

        Assert.Equal(204, response.Status);
        Assert.Empty(response.Text);
        await Eventually.UntilAsync(() => _api.GetAsync($"/v1/instances/{uuid}"), r => r.Status == 404, what: "the instance to be gone");
        ProblemAssert.Is(await _api.GetAsync($"/v1/instances/{uuid}/states"), 404, uuid);
    }

    [Fact]
    public async Task DeleteWhileBuildingIsAcceptedAndARepeatedDeleteIs204()
    {
        var type = await _api.CreateTypeAsync();
        var uuid = (await _api.CreateInstanceAsync(type)).GetProperty("uuid").GetString()!;

        var first = await _api.DeleteAsync($"/v1/instances/{uuid}");
        var second = await _api.DeleteAsync($"/v1/instances/{uuid}");

        Assert.Equal(204, first.Status);
        Assert.True(second.Status is 204 or 404, second.ToString()); // 404 only if teardown already finished
        await Eventually.UntilAsync(() => _api.GetAsync($"/v1/instances/{uuid}"), r => r.Status == 404, what: "the instance to be gone");
    }

    [Fact]
    public async Task DeleteOfAnUnknownInstanceIs404()
    {
        var response = await _api.DeleteAsync($"/v1/instances/{Guid.NewGuid()}");

        ProblemAssert.Is(response, 404, "could not be found");
    }
}
