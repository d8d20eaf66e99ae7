using Instances.HttpTests.Infrastructure;

namespace Instances.HttpTests;

/// <summary>Item-count and depth limits (README "Limits"): refused with a 400 naming the field, nothing stored.</summary>
[Collection(ApiCollection.Name)]
public class RequestLimitsTests(ApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    private static Dictionary<string, string> Map(int count) => Enumerable.Range(0, count).ToDictionary(i => $"k{i}", i => "v");

    [Fact]
    public async Task MoreThanThirtyTwoNetworksIsA400NamingNetworks()
    {
        var body = (Dictionary<string, object?>)Scenario.InstanceBody(await _api.CreateTypeAsync(), "too-many-networks");
        body.Remove("availability_zone");
        body["networks"] = Enumerable.Range(0, 33).Select(_ => new { uuid = Guid.NewGuid() }).ToArray();

        ProblemAssert.Is(await _api.PostAsync("/v1/instances", body), 400, "'networks'", "32");
        Assert.DoesNotContain("too-many-networks", (await _api.GetAsync("/v1/instances?name=too-many-networks")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MoreThan128ExtraEntriesIsA400NamingExtra()
    {
        var body = (Dictionary<string, object?>)Scenario.InstanceBody(await _api.CreateTypeAsync());
        body.Remove("availability_zone");
        body["extra"] = Map(129);

        ProblemAssert.Is(await _api.PostAsync("/v1/instances", body), 400, "'extra'", "128");
    }

    [Fact]
    public async Task PatchesCannotGrowExtraPast128()
    {
        var uuid = (await _api.CreateInstanceAsync(await _api.CreateTypeAsync())).GetProperty("uuid").GetString()!;
        Assert.Equal(200, (await _api.PatchAsync($"/v1/instances/{uuid}", new[] { new { op = "add", path = "/extra", value = Map(128) } })).Status);

        var response = await _api.PatchAsync($"/v1/instances/{uuid}", new[] { new { op = "add", path = "/extra/one-more", value = "v" } });

        ProblemAssert.Is(response, 400, "'extra'", "128");
        Assert.Equal(128, (await _api.GetAsync($"/v1/instances/{uuid}")).Json.GetProperty("extra").EnumerateObject().Count());
    }

    [Fact]
    public async Task ExtraSpecsCannotGrowPast128()
    {
        var type = await _api.CreateTypeAsync();
        Assert.Equal(200, (await _api.PatchAsync($"/v1/types/{type}/extraspecs", Map(127))).Status);

        var response = await _api.PatchAsync($"/v1/types/{type}/extraspecs", new Dictionary<string, string> { ["x1"] = "v", ["x2"] = "v" });

        ProblemAssert.Is(response, 400, "'extra_specs'", "128");
    }

    [Fact]
    public async Task DeeplyNestedJsonIsA400NotAWalk()
    {
        var deep = new string('[', 40) + new string(']', 40);

        var response = await _api.SendAsync(HttpMethod.Post, "/v1/types", $$"""{"name": {{deep}}}""");

        ProblemAssert.Is(response, 400);
    }
}
