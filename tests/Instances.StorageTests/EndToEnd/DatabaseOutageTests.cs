using System.Collections.Concurrent;
using System.Text.Json;
using Instances.StorageTests.Databases;
using Xunit.Abstractions;

namespace Instances.StorageTests.EndToEnd;

/// <summary>
/// PostgreSQL stops under light load and comes back: while it is away, requests that need it get
/// 503 with Retry-After and problem+json (never 500) and readiness says not ready; afterwards the
/// service recovers by itself and every accepted power change reaches its stable state.
/// </summary>
public sealed class DatabaseOutageTests(ITestOutputHelper output)
{
    private const int Count = 10;

    [SkippableFact]
    public async Task PostgresOutageGives503sThenRecoversWithNothingLost()
    {
        await using var postgres = await PostgresServer.StartNewAsync(); // our own: this test stops it
        var settings = ServerProcess.FastSettings("PostgreSQL", await postgres.CreateDatabaseAsync());
        settings["Driver:Simulated:PowerDuration"] = "00:00:00.300";
        await using var server = new ServerProcess(settings);
        await server.StartAsync();
        var api = server.Client;
        var uuids = await api.CreateInstancesAsync(Count, "outage");

        await Eventually.MatchAsync(() => ActiveCountAsync(api), n => n == Count, TimeSpan.FromSeconds(60));

        var responses = new ConcurrentBag<(string What, RestResponse Response)>();
        var lastAccepted = new ConcurrentDictionary<string, string>();
        using var stopLoad = new CancellationTokenSource();
        var load = Task.Run(() => LoadAsync(api, uuids, responses, lastAccepted, stopLoad.Token));

        await Eventually.MatchAsync(() => Task.FromResult(lastAccepted.Count), n => n >= 3, TimeSpan.FromSeconds(30));
        await postgres.StopAsync();
        var notReady = await Eventually.MatchAsync(() => api.GetAsync("/health/ready"), r => r.Status == 503, TimeSpan.FromSeconds(30));
        await Eventually.MatchAsync(() => Task.FromResult(responses.Count(r => r.Response.Status == 503)), n => n >= 5, TimeSpan.FromSeconds(30));

        await postgres.StartAsync();
        await Eventually.MatchAsync(() => api.GetAsync("/health/ready"), r => r.Status == 200, TimeSpan.FromSeconds(60));
        var acceptedBefore = lastAccepted.Count;
        var acceptedAfterRecovery = await Eventually.MatchAsync(
            () => Task.FromResult(responses.Count(r => r.What == "power" && r.Response.Status == 202)),
            n => n > acceptedBefore + 3,
            TimeSpan.FromSeconds(60));
        await stopLoad.CancelAsync();
        await load;

        Assert.Contains("database", notReady.Text, StringComparison.Ordinal);
        var failures = responses.Where(r => r.Response.Status >= 500).ToList();
        Assert.All(failures, r => Assert.True(r.Response.Status == 503, $"{r.What}: {r.Response}"));
        Assert.All(failures, r =>
        {
            Assert.True(r.Response.Headers.ContainsKey("Retry-After"), r.Response.ToString());
            Assert.StartsWith("application/problem+json", r.Response.Headers["Content-Type"], StringComparison.Ordinal);
        });
        output.WriteLine($"{responses.Count} requests under load; {failures.Count} answered 503 during the outage; {acceptedAfterRecovery} power changes accepted in all");

        // Nothing lost: every instance is there and ends where its last accepted change sent it.
        foreach (var uuid in uuids)
        {
            var states = await Eventually.MatchAsync(() => api.StatesAsync(uuid), s => s.GetProperty("target_power_state").ValueKind == JsonValueKind.Null
                && s.GetProperty("status").GetString() is "active" or "stopped", TimeSpan.FromSeconds(60));
            if (lastAccepted.TryGetValue(uuid, out var target))
            {
                Assert.Equal(target == "on" ? "power on" : "power off", states.GetProperty("power_state").GetString());
            }
        }

        var list = await api.GetAsync("/v1/instances?limit=1000");
        Assert.Equal(Count, list.Json.GetProperty("instances").GetArrayLength());
    }

    private static async Task LoadAsync(RestClient api, List<string> uuids, ConcurrentBag<(string, RestResponse)> responses,
        ConcurrentDictionary<string, string> lastAccepted, CancellationToken stop)
    {
        var random = new Random(7);
        var on = uuids.ToDictionary(u => u, _ => true);
        while (!stop.IsCancellationRequested)
        {
            var uuid = uuids[random.Next(uuids.Count)];
            responses.Add(("list", await api.GetAsync("/v1/instances")));
            var target = on[uuid] ? "off" : "on";
            var power = await api.PutAsync($"/v1/instances/{uuid}/states/power", new { target });
            responses.Add(("power", power));
            if (power.Status == 202)
            {
                on[uuid] = !on[uuid];
                lastAccepted[uuid] = target;
            }
            else if (power.Status == 409 || power.Status == 400)
            {
                // still moving, or not where this loop thought: ask and follow the truth
                var states = await api.GetAsync($"/v1/instances/{uuid}/states");
                responses.Add(("states", states));
                if (states.Status == 200 && states.Json.GetProperty("power_state").GetString() is { } power_state)
                {
                    on[uuid] = power_state == "power on";
                }
            }

            try
            {
                await Task.Delay(20, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task<int> ActiveCountAsync(RestClient api)
    {
        var response = await api.GetAsync("/v1/instances?limit=1000");
        return response.Status == 200 ? response.Json.GetProperty("instances").EnumerateArray().Count(i => i.GetProperty("status").GetString() == "active") : 0;
    }
}
