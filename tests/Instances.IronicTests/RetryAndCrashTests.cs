using System.Net;

namespace Instances.IronicTests;

/// <summary>Ironic's transient refusals are retried; a kill mid-transition resumes from Ironic's state.</summary>
[Collection(IronicCollection.Name)]
public sealed class RetryAndCrashTests(IronicFixture ironic)
{
    [SkippableFact]
    public async Task NodeLocked_and_503_answers_are_retried_until_the_power_action_goes_through()
    {
        await using var scenario = await IronicScenario.StartAsync(ironic);
        var (instance, node) = await scenario.CreateActiveAsync(IronicFixture.ZoneA);
        var before = scenario.Proxy.PowerRequests(node).Count;

        scenario.Proxy.FailNextPowerRequests(HttpStatusCode.Conflict, HttpStatusCode.ServiceUnavailable, HttpStatusCode.Conflict);
        var stopped = await scenario.PowerAsync(instance, "off");

        Assert.Equal("stopped", stopped.GetProperty("status").GetString());
        Assert.Equal(JsonNull, stopped.GetProperty("fault").ValueKind);
        Assert.Equal([409, 503, 409, 202], scenario.Proxy.PowerRequests(node).Skip(before).Select(r => r.Status));
        Assert.Equal("power off", (await scenario.IronicNodeSettledAsync(node)).GetProperty("power_state").GetString());
    }

    [SkippableTheory]
    [InlineData("reboot", "active", "power on")]
    [InlineData("off", "stopped", "power off")]
    public async Task A_power_request_Ironic_accepted_before_our_server_was_killed_is_not_sent_again(string target, string status, string power)
    {
        await using var scenario = await IronicScenario.StartAsync(ironic);
        var (instance, node) = await scenario.CreateActiveAsync(IronicFixture.ZoneA);
        var before = scenario.Proxy.PowerRequests(node).Count;

        // Ironic gets the request and carries it out; our server never hears back before it dies.
        scenario.Proxy.HoldPowerAnswers();
        Assert.Equal(202, (await scenario.Api.PutAsync($"/v1/instances/{instance}/states/power", new { target })).Status);
        await Eventually.MatchAsync(() => Task.FromResult(scenario.Proxy.PowerRequests(node).Count), count => count == before + 1);
        await scenario.Server.KillAsync();
        scenario.Proxy.Release();
        Assert.Equal(power, (await scenario.IronicNodeSettledAsync(node)).GetProperty("power_state").GetString());

        await scenario.Server.StartAsync();
        var settled = await scenario.SettledAsync(instance);

        Assert.Equal(status, settled.GetProperty("status").GetString());
        Assert.Equal(power, settled.GetProperty("power_state").GetString());
        Assert.Equal(JsonNull, settled.GetProperty("fault").ValueKind);
        Assert.Single(scenario.Proxy.PowerRequests(node).Skip(before));
    }

    private const System.Text.Json.JsonValueKind JsonNull = System.Text.Json.JsonValueKind.Null;
}
