using System.Text.Json;
using Instances.HttpTests.Infrastructure;

namespace Instances.HttpTests;

/// <summary>API.md §5 "Actions": the history of an instance, newest first.</summary>
[Collection(ApiCollection.Name)]
public sealed class ActionsTests(ApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    private static async Task<JsonElement[]> ActionsAsync(Api api, string uuid)
    {
        var response = await api.GetAsync($"/v1/instances/{uuid}/actions");
        Assert.True(response.Status == 200, response.ToString());
        return [.. response.Json.GetProperty("actions").EnumerateArray()];
    }

    [Fact]
    public async Task EveryAcceptedActionIsListedNewestFirstWithWhoAskedInWhichRequestAndHowItEnded()
    {
        var owner = _api.As(Identity.Member($"p-{Guid.NewGuid():N}"));
        var uuid = await owner.CreateActiveInstanceAsync(await _api.CreateTypeAsync());
        var off = await owner.PutAsync($"/v1/instances/{uuid}/states/power", new { target = "off" });
        await owner.WaitForStatusAsync(uuid, "stopped");
        var locked = await owner.PutAsync($"/v1/instances/{uuid}/states/lock", new { target = true });
        await owner.PutAsync($"/v1/instances/{uuid}/states/lock", new { target = false });
        await owner.PatchAsync($"/v1/instances/{uuid}", new object[] { new { op = "replace", path = "/name", value = "n2" } });
        await owner.PutAsync($"/v1/instances/{uuid}/states/provision", new { target = "rebuild" });
        await owner.WaitForStatusAsync(uuid, "active");

        var actions = await Eventually.UntilAsync(
            () => ActionsAsync(owner, uuid), a => a[0].GetProperty("result").ValueKind != JsonValueKind.Null, what: "the rebuild to finish");

        Assert.Equal(["rebuild", "update", "unlock", "lock", "power off", "create"], actions.Select(a => a.GetProperty("action").GetString()));
        Assert.All(actions, a => Assert.Equal("success", a.GetProperty("result").GetString()));
        Assert.All(actions, a => Assert.Equal(
            ["action", "request_id", "user_id", "project_id", "start_time", "finish_time", "result", "message"],
            a.EnumerateObject().Select(p => p.Name)));
        var powerOff = actions[4];
        Assert.Equal(off.Header("x-openstack-request-id"), powerOff.GetProperty("request_id").GetString());
        Assert.StartsWith("user-of-p-", powerOff.GetProperty("user_id").GetString());
        Assert.True(powerOff.GetProperty("finish_time").GetDateTimeOffset() >= powerOff.GetProperty("start_time").GetDateTimeOffset());
        Assert.Equal(locked.Header("x-openstack-request-id"), actions[3].GetProperty("request_id").GetString());
        Assert.Equal(actions[3].GetProperty("start_time").GetString(), actions[3].GetProperty("finish_time").GetString());
    }

    [Fact]
    public async Task AnotherProjectGetsNotFoundAndAnAdminSeesTheHistory()
    {
        var owner = _api.As(Identity.Member($"p-{Guid.NewGuid():N}"));
        var uuid = await owner.CreateActiveInstanceAsync(await _api.CreateTypeAsync());

        ProblemAssert.Is(await _api.As(Identity.Member("stranger")).GetAsync($"/v1/instances/{uuid}/actions"), 404);
        Assert.Equal("create", (await ActionsAsync(_api, uuid))[0].GetProperty("action").GetString());
        ProblemAssert.Is(await _api.GetAsync($"/v1/instances/{Guid.NewGuid()}/actions"), 404);
    }

    [Fact]
    public async Task TheHistoryIsGoneWithTheInstance()
    {
        var uuid = await _api.CreateActiveInstanceAsync(await _api.CreateTypeAsync());
        Assert.Equal(204, (await _api.DeleteAsync($"/v1/instances/{uuid}")).Status);
        Assert.Equal("delete", (await ActionsAsync(_api, uuid))[0].GetProperty("action").GetString());

        await Eventually.UntilAsync(() => _api.GetAsync($"/v1/instances/{uuid}/actions"), r => r.Status == 404, what: "the history to go");
    }

    [Fact]
    public async Task TheHistoryIsBoundedToTheLastHundred()
    {
        var uuid = await _api.CreateActiveInstanceAsync(await _api.CreateTypeAsync());

        for (var i = 0; i < 51; i++)
        {
            await _api.PutAsync($"/v1/instances/{uuid}/states/lock", new { target = true });
            await _api.PutAsync($"/v1/instances/{uuid}/states/lock", new { target = false });
        }

        var actions = await ActionsAsync(_api, uuid);
        Assert.Equal(100, actions.Length);
        Assert.Equal("unlock", actions[0].GetProperty("action").GetString());
        Assert.DoesNotContain(actions, a => a.GetProperty("action").GetString() == "create");
    }
}
