using System.Text.Json;
using Instances.HttpTests.Infrastructure;

namespace Instances.HttpTests;

/// <summary>API.md §8 "Bulk power" on fast hardware: the filter form, the whole-request 400s, the table rows that need a settled state.</summary>
[Collection(ApiCollection.Name)]
public sealed class BulkPowerTests(ApiFactory factory)
{
    private const string Path = "/v1/instances/actions/power";

    private readonly Api _api = new(factory.CreateClient());

    private static Dictionary<string, (int Status, string Detail)> Results(ApiResponse response)
    {
        Assert.True(response.Status == 200, response.ToString());
        return response.Json.GetProperty("results").EnumerateArray().ToDictionary(
            r => r.GetProperty("uuid").GetString()!,
            r => (r.GetProperty("status").GetInt32(), r.GetProperty("detail").GetString()!));
    }

    [Fact]
    public async Task EachInstanceGetsWhatTheSingleCallGivesOnASettledState()
    {
        var member = _api.As(Identity.Member($"p-{Guid.NewGuid():N}"));
        var type = (await factory.SharedAsync()).Type;
        var stopped = await member.CreateActiveInstanceAsync(type);
        var twin = await member.CreateActiveInstanceAsync(type);
        var active = await member.CreateActiveInstanceAsync(type);
        foreach (var uuid in new[] { stopped, twin })
        {
            Assert.Equal(202, (await member.PutAsync($"/v1/instances/{uuid}/states/power", new { target = "off" })).Status);
            await member.WaitForStatusAsync(uuid, "stopped");
        }

        var results = Results(await member.PostAsync(Path, new { target = "reboot", instances = new[] { stopped, active } }));
        var single = await member.PutAsync($"/v1/instances/{twin}/states/power", new { target = "reboot" });

        Assert.Equal(400, results[stopped].Status);
        Assert.Equal(single.Json.GetProperty("detail").GetString()!.Replace(twin, stopped, StringComparison.Ordinal), results[stopped].Detail);
        Assert.Equal(202, results[active].Status);
        await member.WaitForStatusAsync(active, "active");
    }

    [Fact]
    public async Task TheFilterFormChangesTheCallersMatchingInstancesOnly()
    {
        var type = (await factory.SharedAsync()).Type;
        var name = $"bulk-{Guid.NewGuid():N}";
        var a = _api.As(Identity.Member($"a-{Guid.NewGuid():N}"));
        var b = _api.As(Identity.Member($"b-{Guid.NewGuid():N}"));
        var mine = new[] { await a.CreateActiveInstanceAsync(type, name), await a.CreateActiveInstanceAsync(type, name) };
        var theirs = await b.CreateActiveInstanceAsync(type, name);
        await a.CreateActiveInstanceAsync(type, name + "-other");

        var results = Results(await a.PostAsync(Path, new { target = "off", filter = new { name, all_tenants = true, project_id = "x" } }));

        Assert.Equal(mine.Order(), results.Keys.Order());
        Assert.All(results.Values, r => Assert.Equal(202, r.Status));
        await a.WaitForStatusAsync(mine[0], "stopped");
        Assert.Equal("active", (await b.GetAsync($"/v1/instances/{theirs}")).Json.GetProperty("status").GetString());

        var admin = Results(await _api.PostAsync(Path, new { target = "on", filter = new { name, all_tenants = "true", status = "active" } }));
        Assert.Equal(["202"], admin.Values.Select(r => r.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)).Distinct());
        Assert.Contains(theirs, admin.Keys);
    }

    private static string TooMany => JsonSerializer.Serialize(Enumerable.Range(0, 1001).Select(_ => Guid.NewGuid()));

    public static TheoryData<string, string> BadRequests => new()
    {
        { """{"target": "off"}""", "instances" },
        { $$"""{"target": "off", "instances": ["{{Guid.NewGuid()}}"], "filter": {} }""", "instances" },
        { """{"target": "off", "instances": ["not-a-uuid"]}""", "instances[0]" },
        { $$"""{"target": "off", "instances": ["{{Guid.NewGuid()}}", null]}""", "instances[1]" },
        { $$"""{"target": "off", "instances": {{TooMany}} }""", "1000" },
        { $$"""{"target": "sideways", "instances": ["{{Guid.NewGuid()}}"]}""", "target" },
        { $$"""{"instances": ["{{Guid.NewGuid()}}"]}""", "target" },
        { $$"""{"target": "on", "timeout": 0, "instances": ["{{Guid.NewGuid()}}"]}""", "timeout" },
        { """{"target": "off", "filter": {"sort_key": "name"}}""", "filter.sort_key" },
        { """{"target": "off", "filter": {"status": "sideways"}}""", "status" },
        { """{"target": "off", "filter": {"locked": 3}}""", "filter.locked" },
        { """{"target": "off", "instances": [], "extra": 1}""", "extra" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task AnInvalidRequestIs400ForTheWholeRequest(string body, string mention)
    {
        var response = await _api.SendAsync(HttpMethod.Post, Path, body);

        ProblemAssert.Is(response, 400, mention);
    }

    [Fact]
    public async Task TheBookmarkPathServesTheSameEndpoint()
    {
        var unknown = Guid.NewGuid().ToString();

        var results = Results(await _api.PostAsync("/instances/actions/power", new { target = "off", instances = new[] { unknown } }));

        Assert.Equal((404, $"Instance {unknown} could not be found."), results[unknown]);
    }

    [Fact]
    public async Task SwaggerDescribesTheBulkRouteWithItsRequestBody()
    {
        var document = await _api.GetAsync("/swagger/v1/swagger.json");

        var bulk = document.Json.GetProperty("paths").GetProperty(Path).GetProperty("post");
        Assert.True(bulk.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
    }
}
