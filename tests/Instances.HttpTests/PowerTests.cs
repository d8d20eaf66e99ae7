using System.Text.Json;
using Instances.HttpTests.Infrastructure;

namespace Instances.HttpTests;

/// <summary>The rows of API.md §5's power table whose outcome is a completed transition (fast hardware).</summary>
[Collection(ApiCollection.Name)]
public sealed class PowerTests(ApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    private async Task<string> InstanceInAsync(string status)
    {
        var uuid = await _api.CreateActiveInstanceAsync(await _api.CreateTypeAsync());
        if (status == "stopped")
        {
            Assert.Equal(202, (await _api.PutAsync($"/v1/instances/{uuid}/states/power", new { target = "off" })).Status);
            await _api.WaitForStatusAsync(uuid, "stopped");
        }

        return uuid;
    }

    private async Task<JsonElement> SettledStatesAsync(string uuid) =>
        (await Eventually.UntilAsync(
            () => _api.GetAsync($"/v1/instances/{uuid}/states"),
            r => r.Status == 200 && r.Json.GetProperty("target_power_state").ValueKind == JsonValueKind.Null
                && r.Json.GetProperty("status").GetString() is "active" or "stopped",
            what: $"{uuid} to settle")).Json;

    [Theory]
    [InlineData("active", "on", "active", "power on")]
    [InlineData("active", "power on", "active", "power on")]
    [InlineData("active", "off", "stopped", "power off")]
    [InlineData("active", "power off", "stopped", "power off")]
    [InlineData("active", "soft_off", "stopped", "power off")]
    [InlineData("active", "soft power off", "stopped", "power off")]
    [InlineData("active", "reboot", "active", "power on")]
    [InlineData("active", "rebooting", "active", "power on")]
    [InlineData("active", "soft_reboot", "active", "power on")]
    [InlineData("active", "soft rebooting", "active", "power on")]
    [InlineData("stopped", "on", "active", "power on")]
    [InlineData("stopped", "off", "stopped", "power off")]
    [InlineData("stopped", "soft_off", "stopped", "power off")]
    public async Task APowerChangeIsAcceptedWithAnEmptyBodyAndEndsInTheStableStatus(string from, string target, string status, string power)
    {
        var uuid = await InstanceInAsync(from);

        var response = await _api.PutAsync($"/v1/instances/{uuid}/states/power", new { target, timeout = 60 });

        Assert.Equal(202, response.Status);
        Assert.Empty(response.Text);
        Assert.Equal($"http://localhost/v1/instances/{uuid}/states", response.Header("Location"));
        var states = await SettledStatesAsync(uuid);
        Assert.Equal(status, states.GetProperty("status").GetString());
        Assert.Equal(power, states.GetProperty("power_state").GetString());
        Assert.Equal(JsonValueKind.Null, states.GetProperty("last_error").ValueKind);
        Assert.False(states.GetProperty("locked").GetBoolean());
    }

    [Theory]
    [InlineData("reboot")]
    [InlineData("soft_reboot")]
    public async Task RebootingAStoppedInstanceIsInvalidState(string target)
    {
        var uuid = await InstanceInAsync("stopped");

        var response = await _api.PutAsync($"/v1/instances/{uuid}/states/power", new { target });

        ProblemAssert.Is(response, 400, "stopped");
        Assert.Equal("stopped", (await _api.GetAsync($"/v1/instances/{uuid}/states")).Json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task TheStateSummaryHasTheSeedFieldsAndTheAdditiveOnes()
    {
        var uuid = await InstanceInAsync("active");

        var response = await _api.GetAsync($"/instances/{uuid}/states");

        Assert.Equal(200, response.Status);
        Assert.Equal(["power_state", "target_power_state", "status", "locked", "last_error"], response.Json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("power on", response.Json.GetProperty("power_state").GetString());
    }

    [Fact]
    public async Task PowerOnAnUnknownInstanceIs404EvenWithABadBody()
    {
        var missing = Guid.NewGuid();

        var response = await _api.PutAsync($"/v1/instances/{missing}/states/power", new { target = "sideways" });

        ProblemAssert.Is(response, 404, missing.ToString());
    }
}
