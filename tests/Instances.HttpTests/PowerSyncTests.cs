using System.Text.Json;
using Instances.HttpTests.Infrastructure;

namespace Instances.HttpTests;

/// <summary>
/// Issue 8 "power-state sync": a node's power changed outside the service (the simulator's operator
/// knob) is noticed within the sync interval, recorded as "power sync", and never disturbs a transition.
/// </summary>
[Collection(PowerSyncCollection.Name)]
public sealed class PowerSyncTests(PowerSyncFactory factory)
{
    private static readonly TimeSpan WithinAFewIntervals = TimeSpan.FromSeconds(15);

    private readonly Api _api = new(factory.CreateClient());

    private Api Operator => _api.As(Identity.Admin("operators"));

    [Fact]
    public async Task APowerFlippedOutOfBandIsNoticedWithinTheSyncIntervalAndRecordedAsAPowerSync()
    {
        var uuid = await _api.CreateActiveInstanceAsync(await _api.CreateTypeAsync());
        var node = await NodeOfAsync(uuid);
        var before = await PrometheusScrape.ReadAsync(_api.Http);

        var flipped = await Operator.PutAsync($"/v1/simulator/nodes/{node}/power", new { power_state = "power off" });

        Assert.Equal(200, flipped.Status);
        Assert.Equal("power off", flipped.Json.GetProperty("power_state").GetString());
        Assert.Equal(uuid, flipped.Json.GetProperty("instance_uuid").GetString());
        var stopped = await _api.WaitForStatusAsync(uuid, "stopped", WithinAFewIntervals);
        Assert.Equal("power off", stopped.GetProperty("power_state").GetString());
        Assert.Equal(JsonValueKind.Null, stopped.GetProperty("target_power_state").ValueKind);
        var sync = (await _api.GetAsync($"/v1/instances/{uuid}/actions")).Json.GetProperty("actions")[0];
        Assert.Equal("power sync", sync.GetProperty("action").GetString());
        Assert.Equal("success", sync.GetProperty("result").GetString());
        Assert.Equal("system", sync.GetProperty("user_id").GetString());
        Assert.Contains("'power off'", sync.GetProperty("message").GetString(), StringComparison.Ordinal);

        // Back on at the machine: the instance follows again. The sync only reads: the node saw no power request.
        Assert.Equal(200, (await Operator.PutAsync($"/v1/simulator/nodes/{node}/power", new { power_state = "power on" })).Status);
        var active = await _api.WaitForStatusAsync(uuid, "active", WithinAFewIntervals);
        Assert.Equal("power on", active.GetProperty("power_state").GetString());
        Assert.Equal(0, (await Operator.GetAsync($"/v1/simulator/nodes/{node}")).Json.GetProperty("power_actions").GetInt32());
        var actions = (await _api.GetAsync($"/v1/instances/{uuid}/actions")).Json.GetProperty("actions");
        Assert.Equal(["power sync", "power sync", "create"], actions.EnumerateArray().Select(a => a.GetProperty("action").GetString()));

        // Each correction is counted once, by the power state it found (the other tests here correct nothing).
        const string Corrections = "instances_power_sync_corrections_total";
        var after = await Eventually.UntilAsync(
            () => PrometheusScrape.ReadAsync(_api.Http),
            s => s.Value(Corrections, ("power_state", "power on")) > before.Value(Corrections, ("power_state", "power on")));
        Assert.Equal(1, after.Value(Corrections, ("power_state", "power off")) - before.Value(Corrections, ("power_state", "power off")));
        Assert.Equal(1, after.Value(Corrections, ("power_state", "power on")) - before.Value(Corrections, ("power_state", "power on")));
    }

    [Fact]
    public async Task AFlipDuringATransitionDoesNotCorruptIt()
    {
        var uuid = await _api.CreateActiveInstanceAsync(await _api.CreateTypeAsync());
        var node = await NodeOfAsync(uuid);
        Assert.Equal(202, (await _api.PutAsync($"/v1/instances/{uuid}/states/power", new { target = "reboot" })).Status);

        // The node goes dark in the middle of the 3 s reboot; syncs tick every second meanwhile.
        Assert.Equal(200, (await Operator.PutAsync($"/v1/simulator/nodes/{node}/power", new { power_state = "power off" })).Status);
        var seen = new List<string>();
        var done = await Eventually.UntilAsync(
            async () =>
            {
                var states = (await _api.GetAsync($"/v1/instances/{uuid}/states")).Json;
                seen.Add($"{states.GetProperty("status").GetString()}/{states.GetProperty("target_power_state")}");
                return states;
            },
            states => states.GetProperty("status").GetString() != "rebooting",
            WithinAFewIntervals);

        // The reboot ends on the driver's own report (a rebooted node is on), never on a sync's reading.
        Assert.Equal("active", done.GetProperty("status").GetString());
        Assert.Equal("power on", done.GetProperty("power_state").GetString());
        Assert.Equal(JsonValueKind.Null, done.GetProperty("target_power_state").ValueKind);
        Assert.All(seen.Take(seen.Count - 1), state => Assert.Equal("rebooting/power on", state));
        var actions = (await _api.GetAsync($"/v1/instances/{uuid}/actions")).Json.GetProperty("actions");
        var reboot = actions[0];
        Assert.Equal("reboot", reboot.GetProperty("action").GetString());
        Assert.Equal("success", reboot.GetProperty("result").GetString());
        Assert.DoesNotContain("power sync", actions.EnumerateArray().Select(a => a.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task TheSimulatorKnobIsForAdminsAndSaysWhatIsWrong()
    {
        var uuid = await _api.CreateActiveInstanceAsync(await _api.CreateTypeAsync());
        var node = await NodeOfAsync(uuid);

        ProblemAssert.Is(await _api.As(Identity.Member("p1")).PutAsync($"/v1/simulator/nodes/{node}/power", new { power_state = "power off" }), 403, "admin");
        ProblemAssert.Is(await _api.As(Identity.Member("p1")).GetAsync("/v1/simulator/zones/zone-a/nodes"), 403, "admin");
        ProblemAssert.Is(await Operator.PutAsync("/v1/simulator/nodes/zone-a-node-99999999/power", new { power_state = "power off" }), 404, "zone-a-node-99999999");
        ProblemAssert.Is(await Operator.GetAsync("/v1/simulator/nodes/nowhere-node-0001"), 404, "nowhere-node-0001");
        ProblemAssert.Is(await Operator.GetAsync("/v1/simulator/zones/nowhere/nodes"), 404, "nowhere");
        ProblemAssert.Is(await Operator.PutAsync($"/v1/simulator/nodes/{node}/power", new { power_state = "sideways" }), 400, "power_state");
        ProblemAssert.Is(await Operator.PutAsync($"/v1/simulator/nodes/{node}/power", new { }), 400, "power_state");
        Assert.Equal("power on", (await Operator.GetAsync($"/v1/simulator/nodes/{node}")).Json.GetProperty("power_state").GetString());
    }

    private async Task<string> NodeOfAsync(string uuid)
    {
        var nodes = (await Operator.GetAsync("/v1/simulator/zones/zone-a/nodes")).Json.GetProperty("nodes");
        return nodes.EnumerateArray().Single(n => n.GetProperty("instance_uuid").GetString() == uuid).GetProperty("node").GetString()!;
    }
}
