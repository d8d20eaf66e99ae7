using Instances.HttpTests.Infrastructure;

namespace Instances.HttpTests;

/// <summary>The transitional rows of API.md §5, on hardware slow enough that the transition is still running.</summary>
[Collection(SlowHardwareCollection.Name)]
public sealed class TransitionTests(SlowHardwareFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    private async Task<string> ActiveAsync() => await _api.CreateActiveInstanceAsync(await _api.CreateTypeAsync());

    private Task<ApiResponse> PowerAsync(string uuid, string target) => _api.PutAsync($"/v1/instances/{uuid}/states/power", new { target });

    [Theory]
    [InlineData("off", "powering-off", "power off")]
    [InlineData("soft_off", "soft-powering-off", "power off")]
    [InlineData("reboot", "rebooting", "power on")]
    [InlineData("soft_reboot", "soft-rebooting", "power on")]
    public async Task WhileATransitionRunsTheStatusIsTransitionalAndTheTargetIsSet(string target, string status, string targetPower)
    {
        var uuid = await ActiveAsync();

        Assert.Equal(202, (await PowerAsync(uuid, target)).Status);
        var states = (await _api.GetAsync($"/v1/instances/{uuid}/states")).Json;

        Assert.Equal(status, states.GetProperty("status").GetString());
        Assert.Equal(targetPower, states.GetProperty("target_power_state").GetString());
        Assert.Equal("power on", states.GetProperty("power_state").GetString());
    }

    [Theory]
    [InlineData("on")]
    [InlineData("off")]
    [InlineData("soft_off")]
    [InlineData("reboot")]
    [InlineData("soft_reboot")]
    public async Task AnyPowerChangeDuringATransitionIsConflict(string target)
    {
        var uuid = await ActiveAsync();
        Assert.Equal(202, (await PowerAsync(uuid, "reboot")).Status);

        var response = await PowerAsync(uuid, target);

        ProblemAssert.Is(response, 409, "rebooting");
    }

    [Fact]
    public async Task AnyPowerChangeWhileBuildingIsConflict()
    {
        var uuid = (await _api.CreateInstanceAsync(await _api.CreateTypeAsync())).GetProperty("uuid").GetString()!;

        var response = await PowerAsync(uuid, "off");

        ProblemAssert.Is(response, 409, "building");
    }

    [Fact]
    public async Task OfManyConcurrentConflictingRequestsExactlyOneIsAccepted()
    {
        var uuid = await ActiveAsync();
        var targets = new[] { "off", "reboot", "soft_off", "soft_reboot" };

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => PowerAsync(uuid, targets[i % targets.Length])));

        Assert.Equal(1, responses.Count(r => r.Status == 202));
        Assert.All(responses.Where(r => r.Status != 202), r => ProblemAssert.Is(r, 409));
    }

    [Fact]
    public async Task DeleteSupersedesATransitionAndARepeatedDeleteWhileDeletingIs204()
    {
        var uuid = await ActiveAsync();
        Assert.Equal(202, (await PowerAsync(uuid, "off")).Status);

        var first = await _api.DeleteAsync($"/v1/instances/{uuid}");
        var second = await _api.DeleteAsync($"/v1/instances/{uuid}");

        Assert.Equal(204, first.Status);
        Assert.Equal(204, second.Status);
        var states = (await _api.GetAsync($"/v1/instances/{uuid}/states")).Json;
        Assert.Equal("deleting", states.GetProperty("status").GetString());
        ProblemAssert.Is(await PowerAsync(uuid, "on"), 409, "deleting");
    }

    [Fact]
    public async Task PatchWhileDeletingIsConflict()
    {
        var uuid = await ActiveAsync();
        Assert.Equal(204, (await _api.DeleteAsync($"/v1/instances/{uuid}")).Status);

        var response = await _api.PatchAsync($"/v1/instances/{uuid}", new object[] { new { op = "replace", path = "/name", value = "x" } });

        ProblemAssert.Is(response, 409, "deleting");
    }
}
