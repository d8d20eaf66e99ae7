using System.Collections.Concurrent;
using System.Text.Json;
using Instances.HttpTests.Infrastructure;

namespace Instances.HttpTests;

/// <summary>Many instances, many concurrent power changes, over real sockets: everything settles and nothing is a 5xx.</summary>
[Collection(KestrelCollection.Name)]
public sealed class EndToEndTests(KestrelFactory factory)
{
    private const int Instances = 200;
    private const int PowerRequests = 1000;
    private static readonly string[] Targets = ["on", "off", "reboot", "soft_off", "soft_reboot", "power off", "rebooting"];

    private readonly Api _api = new(factory.CreateSocketClient());
    private readonly ConcurrentBag<ApiResponse> _responses = [];

    private async Task<ApiResponse> RecordAsync(Task<ApiResponse> request)
    {
        var response = await request;
        _responses.Add(response);
        return response;
    }

    private async Task<List<JsonElement>> ListAsync(string type)
    {
        var response = await RecordAsync(_api.GetAsync($"/v1/instances/detail?instance_type_uuid={type}&limit=1000"));
        Assert.Equal(200, response.Status);
        return response.Json.GetProperty("instances").EnumerateArray().ToList();
    }

    [Fact]
    public async Task TwoHundredInstancesSurviveAThousandConcurrentPowerChangesAndAllSettle()
    {
        Assert.True(factory.BaseAddress.IsLoopback && factory.BaseAddress.Port > 0, factory.BaseAddress.ToString());
        var type = await _api.CreateTypeAsync();
        var created = await Task.WhenAll(Enumerable.Range(0, Instances).Select(i =>
            RecordAsync(_api.PostAsync("/v1/instances", Scenario.InstanceBody(type, $"e2e-{i}", "zone-a")))));
        Assert.All(created, r => Assert.Equal(201, r.Status));
        var uuids = created.Select(r => r.Json.GetProperty("uuid").GetString()!).ToArray();
        await Eventually.UntilAsync(() => ListAsync(type), list => list.Count == Instances && list.All(i => i.GetProperty("status").GetString() == "active"),
            TimeSpan.FromSeconds(90), "all instances to be active");

        var random = new Random(42);
        var operations = Enumerable.Range(0, PowerRequests)
            .Select(_ => (Uuid: uuids[random.Next(uuids.Length)], Target: Targets[random.Next(Targets.Length)]))
            .ToList();
        var power = await Task.WhenAll(operations.Select(op =>
            RecordAsync(_api.PutAsync($"/v1/instances/{op.Uuid}/states/power", new { target = op.Target }))));

        Assert.All(power, r => Assert.True(r.Status is 202 or 409 or 400, r.ToString()));
        Assert.Contains(power, r => r.Status == 202);
        var settled = await Eventually.UntilAsync(() => ListAsync(type), list => list.All(Stable), TimeSpan.FromSeconds(90), "every instance to settle");
        Assert.Equal(Instances, settled.Count);
        Assert.All(settled, i => Assert.Equal(
            i.GetProperty("status").GetString() == "active" ? "power on" : "power off", i.GetProperty("power_state").GetString()));

        // The list reads the projection; the grains hold the truth, so ask each one as well.
        var states = await Task.WhenAll(uuids.Select(uuid => RecordAsync(_api.GetAsync($"/v1/instances/{uuid}/states"))));
        Assert.All(states, r => Assert.True(r.Status == 200 && Stable(r.Json), r.ToString()));
        Assert.DoesNotContain(_responses, r => r.Status >= 500);
    }

    private static bool Stable(JsonElement instance) =>
        instance.GetProperty("status").GetString() is "active" or "stopped"
        && instance.GetProperty("target_power_state").ValueKind == JsonValueKind.Null;
}
