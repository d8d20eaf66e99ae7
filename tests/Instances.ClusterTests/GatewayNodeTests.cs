using Instances.ClusterTests.Infrastructure;
using Instances.StorageTests.EndToEnd;
using Xunit.Abstractions;

namespace Instances.ClusterTests;

/// <summary>
/// A gateway-only node (<c>Instances:Role=Gateway</c>): no silo, an Orleans client of the silos it finds
/// in the membership table, serving the whole API.
/// </summary>
[Collection(ProcessClusters.Name)]
public sealed class GatewayNodeTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task AGatewayOnlyNodeServesTheWholeApi()
    {
        await using var cluster = await LocalCluster.StartAsync(1);
        var gateway = cluster.Add(new Dictionary<string, string> { ["Instances:Role"] = "Gateway", ["Instances:NodeName"] = "gateway-1" });
        await gateway.StartAsync();
        var api = gateway.Client;

        var ready = await api.GetAsync("/health/ready");
        Assert.Equal(200, ready.Status);
        Assert.Contains("silo gateway", ready.Text, StringComparison.Ordinal);
        Assert.Equal("gateway-1", ready.Headers["x-instances-node"]);

        var type = await api.CreateTypeAsync();
        Expect(200, await api.GetAsync($"/v1/types/{type}"));
        Expect(200, await api.SendAsync(HttpMethod.Patch, $"/v1/types/{type}/extraspecs", new { cpu_arch = "x86_64" }));
        Expect(200, await api.GetAsync("/v1/availability_zones"));

        var uuid = await api.CreateInstanceAsync(type, "through-gateway");
        await ActiveAsync(api, uuid);
        Expect(200, await api.SendAsync(HttpMethod.Patch, $"/v1/instances/{uuid}", new[] { new { op = "replace", path = "/name", value = "renamed" } }));
        Assert.Contains("renamed", (await api.GetAsync("/v1/instances?fields=name")).Text, StringComparison.Ordinal);

        // Live events reach a gateway-only node too: its stream's observer lives in the Orleans client.
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{gateway.HttpPort}") };
        await using (var events = await SseStream.OpenAsync(http, $"/v1/instances/{uuid}/events"))
        {
            Assert.Equal(200, (int)events.Response.StatusCode);
            Expect(202, await api.PutAsync($"/v1/instances/{uuid}/states/power", new { target = "off" }));
            var seen = await events.EventsUntilAsync(e => e.Json.GetProperty("status").GetString() == "stopped", TimeSpan.FromSeconds(30));
            Assert.Equal(["powering-off", "stopped"], seen.Select(e => e.Json.GetProperty("status").GetString()));
        }

        Expect(202, await api.PutAsync($"/v1/instances/{uuid}/states/lock", new { target = true }));
        Expect(202, await api.PutAsync($"/v1/instances/{uuid}/states/lock", new { target = false }));
        Expect(202, await api.PutAsync($"/v1/instances/{uuid}/states/provision", new { target = "rebuild" }));
        await ActiveAsync(api, uuid);
        Expect(200, await api.PostAsync("/v1/instances/actions/power", new { target = "off", instances = new[] { uuid } }));
        var actions = await api.GetAsync($"/v1/instances/{uuid}/actions");
        Expect(200, actions);
        Assert.Contains("rebuild", actions.Text, StringComparison.Ordinal);

        var bad = await api.PutAsync($"/v1/instances/{uuid}/states/power", new { target = "sideways" });
        Expect(400, bad);
        Assert.Equal("gateway-1", bad.Headers["x-instances-node"]);

        await Eventually.MatchAsync(async () => (await api.StatesAsync(uuid)).GetProperty("status").GetString(), s => s == "stopped");
        Expect(204, await api.DeleteAsync($"/v1/instances/{uuid}"));
        await Eventually.MatchAsync(async () => (await api.GetAsync($"/v1/instances/{uuid}")).Status, status => status == 404);
        Expect(204, await api.DeleteAsync($"/v1/types/{type}"));
    }

    [SkippableFact]
    public async Task AGatewayOnlyNodeRidesOutTheDeathOfASilo()
    {
        await using var cluster = await LocalCluster.StartAsync(2);
        var gateway = cluster.Add(new Dictionary<string, string> { ["Instances:Role"] = "Gateway", ["Instances:NodeName"] = "gateway-1" });
        await gateway.StartAsync();
        var uuids = await gateway.Client.CreateInstancesAsync(10, "gateway-failover");
        await Eventually.MatchAsync(
            async () => (await gateway.Client.GetAsync("/v1/instances/detail?limit=100")).Json.GetProperty("instances").EnumerateArray().Count(i => i.GetProperty("status").GetString() == "active"),
            active => active == uuids.Count);

        await cluster.Nodes[1].KillAsync();
        var client = new BalancedClient([gateway.Client]);
        var load = new PowerLoad(client, uuids, System.Diagnostics.Stopwatch.StartNew());
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(8)))
        {
            await load.RunAsync(stop.Token);
        }

        var done = await load.AllPromisesKeptAsync(TimeSpan.FromSeconds(30));
        output.WriteLine($"gateway-only node, one of two silos killed (kill -9): {load.Accepted.Count} power operations accepted in 8 s, all done {done.TotalSeconds:F1} s after the kill; " +
            $"statuses seen: {string.Join(", ", client.Seen.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}");
        Assert.Empty(load.Unexpected);
        Assert.NotEmpty(load.Accepted);
        Assert.All(client.Seen.Keys, status => Assert.Contains(status, new[] { 200, 202, 409, 503 }));
        Assert.Equal(200, (await gateway.Client.GetAsync("/health/ready")).Status);
    }

    [Theory]
    [InlineData("Instances:Role", "Gateway", "Instances:Storage", "Memory", "Memory")]
    [InlineData("Instances:Role", "Gateway", "Dashboard:Enabled", "true", "Dashboard:Enabled")]
    [InlineData("Instances:Role", "Sideways", "Instances:Storage", "Memory", "Instances:Role")]
    [InlineData("Instances:NodeName", "no spaces please", "Instances:Storage", "Memory", "Instances:NodeName")]
    public async Task ANodeSettingThatCannotWorkStopsTheStartNamingIt(string key, string value, string otherKey, string otherValue, string named)
    {
        await using var node = new ServerProcess(new Dictionary<string, string> { [key] = value, [otherKey] = otherValue });
        node.Start();

        Assert.Equal(3, await node.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains(named, node.Output, StringComparison.Ordinal);
    }

    private static async Task ActiveAsync(RestClient api, string uuid) =>
        await Eventually.MatchAsync(async () => (await api.StatesAsync(uuid)).GetProperty("status").GetString(), s => s == "active");

    private static void Expect(int status, RestResponse response) => Assert.True(response.Status == status, $"expected {status}: {response}");
}
