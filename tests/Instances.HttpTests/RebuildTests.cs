using System.Text.Json;
using Instances.HttpTests.Infrastructure;

namespace Instances.HttpTests;

/// <summary>API.md §5 "Rebuild" on fast hardware.</summary>
[Collection(ApiCollection.Name)]
public sealed class RebuildTests(ApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    private Task<ApiResponse> RebuildAsync(string uuid, object body) => _api.PutAsync($"/v1/instances/{uuid}/states/provision", body);

    [Theory]
    [InlineData("active")]
    [InlineData("stopped")]
    public async Task ARebuildIsAcceptedAndEndsActiveAndPoweredOnWithTheNewImage(string from)
    {
        var uuid = await _api.CreateActiveInstanceAsync(await _api.CreateTypeAsync());
        if (from == "stopped")
        {
            Assert.Equal(202, (await _api.PutAsync($"/v1/instances/{uuid}/states/power", new { target = "off" })).Status);
            await _api.WaitForStatusAsync(uuid, "stopped");
        }

        var image = Guid.NewGuid().ToString();

        var response = await RebuildAsync(uuid, new { target = "rebuild", image_uuid = image });

        Assert.Equal(202, response.Status);
        Assert.Empty(response.Text);
        Assert.Equal($"http://localhost/v1/instances/{uuid}/states", response.Header("Location"));
        var after = await _api.WaitForStatusAsync(uuid, "active");
        Assert.Equal(image, after.GetProperty("image_uuid").GetString());
        Assert.Equal("power on", after.GetProperty("power_state").GetString());
    }

    [Fact]
    public async Task ARebuildTheDriverFailsEndsInErrorWithAFaultTheHistoryAndTheStatesSayingWhy()
    {
        var uuid = await _api.CreateActiveInstanceAsync(await _api.CreateTypeAsync());

        Assert.Equal(202, (await RebuildAsync(uuid, new { target = "rebuild", image_uuid = ApiFactory.CorruptImage })).Status);

        var failed = await _api.WaitForStatusAsync(uuid, "error");
        var fault = failed.GetProperty("fault");
        Assert.Equal(500, fault.GetProperty("code").GetInt32());
        Assert.Contains(ApiFactory.CorruptImage, fault.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("checksum", fault.GetProperty("message").GetString(), StringComparison.Ordinal);
        var states = (await _api.GetAsync($"/v1/instances/{uuid}/states")).Json;
        Assert.Equal("error", states.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, states.GetProperty("target_power_state").ValueKind);
        Assert.Equal(fault.GetProperty("message").GetString(), states.GetProperty("last_error").GetString());
        var rebuild = (await _api.GetAsync($"/v1/instances/{uuid}/actions")).Json.GetProperty("actions")[0];
        Assert.Equal("rebuild", rebuild.GetProperty("action").GetString());
        Assert.Equal("error", rebuild.GetProperty("result").GetString());
        Assert.Equal(fault.GetProperty("message").GetString(), rebuild.GetProperty("message").GetString());

        // Error is not a state to rebuild from; deleting is the way out, and it works.
        ProblemAssert.Is(await RebuildAsync(uuid, new { target = "rebuild" }), 400, "rebuild is allowed only from active or stopped");
        Assert.Equal(204, (await _api.DeleteAsync($"/v1/instances/{uuid}")).Status);
    }

    [Theory]
    [InlineData("""{"target": "rebuilt"}""", "target")]
    [InlineData("""{"target": "active"}""", "target")]
    [InlineData("""{}""", "target")]
    [InlineData("""{"target": "rebuild", "image_uuid": "not-a-uuid"}""", "image_uuid")]
    [InlineData("""{"target": "rebuild", "image": "x"}""", "image")]
    public async Task AnInvalidProvisionBodyIs400NamingTheField(string body, string field)
    {
        var (_, uuid) = await factory.SharedAsync();

        ProblemAssert.Is(await _api.SendAsync(HttpMethod.Put, $"/v1/instances/{uuid}/states/provision", body), 400, field);
    }

    [Fact]
    public async Task ARebuildOfAnUnknownInstanceIs404EvenWithABadBody()
    {
        var missing = Guid.NewGuid();

        ProblemAssert.Is(await RebuildAsync(missing.ToString(), new { target = "sideways" }), 404, missing.ToString());
    }

    [Fact]
    public async Task ARebuildOfAnotherProjectsInstanceIs404()
    {
        var (_, uuid) = await factory.SharedAsync();

        ProblemAssert.Is(await _api.As(Identity.Member("stranger")).PutAsync($"/v1/instances/{uuid}/states/provision", new { target = "rebuild" }), 404);
    }
}

/// <summary>Rebuild against a running transition (slow hardware).</summary>
[Collection(SlowHardwareCollection.Name)]
public sealed class RebuildConflictTests(SlowHardwareFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task ARebuildWhilePoweringOffIsConflict()
    {
        var uuid = await _api.CreateActiveInstanceAsync(await _api.CreateTypeAsync());
        Assert.Equal(202, (await _api.PutAsync($"/v1/instances/{uuid}/states/power", new { target = "off" })).Status);

        var response = await _api.PutAsync($"/v1/instances/{uuid}/states/provision", new { target = "rebuild" });

        ProblemAssert.Is(response, 409, "powering-off");
    }
}
