using Instances.HttpTests.Infrastructure;

namespace Instances.HttpTests;

/// <summary>API.md §3 and §4: a locked instance refuses guarded actions from non-admins; who may unlock.</summary>
[Collection(ApiCollection.Name)]
public sealed class LockTests(ApiFactory factory)
{
    private readonly Api _admin = new(factory.CreateClient());

    private static readonly object[] RenamePatch = [new { op = "replace", path = "/name", value = "renamed" }];

    private async Task<(string Uuid, Api Owner)> OwnerLockedAsync()
    {
        var owner = _admin.As(Identity.Member($"p-{Guid.NewGuid():N}"));
        var uuid = await owner.CreateActiveInstanceAsync(await _admin.CreateTypeAsync());
        Assert.Equal(202, (await owner.PutAsync($"/v1/instances/{uuid}/states/lock", new { target = true })).Status);
        return (uuid, owner);
    }

    private static Task<ApiResponse> ActAsync(Api api, string uuid, string action) => action switch
    {
        "power" => api.PutAsync($"/v1/instances/{uuid}/states/power", new { target = "off" }),
        "rebuild" => api.PutAsync($"/v1/instances/{uuid}/states/provision", new { target = "rebuild" }),
        "patch" => api.PatchAsync($"/v1/instances/{uuid}", RenamePatch),
        "bulk-power" => api.PostAsync("/v1/instances/actions/power", new { target = "off", instances = new[] { uuid } }),
        _ => api.DeleteAsync($"/v1/instances/{uuid}"),
    };

    [Theory]
    [InlineData("power")]
    [InlineData("rebuild")]
    [InlineData("patch")]
    [InlineData("delete")]
    public async Task TheOwnerOfALockedInstanceGetsConflictNamingTheLock(string action)
    {
        var (uuid, owner) = await OwnerLockedAsync();

        ProblemAssert.Is(await ActAsync(owner, uuid, action), 409, "locked");
    }

    [Fact]
    public async Task BulkPowerReportsTheLockPerInstance()
    {
        var (uuid, owner) = await OwnerLockedAsync();

        var response = await ActAsync(owner, uuid, "bulk-power");

        Assert.Equal(200, response.Status);
        var result = Assert.Single(response.Json.GetProperty("results").EnumerateArray());
        Assert.Equal(409, result.GetProperty("status").GetInt32());
        Assert.Contains("locked", result.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("power")]
    [InlineData("rebuild")]
    [InlineData("patch")]
    [InlineData("delete")]
    public async Task AnotherProjectGetsNotFoundForALockedInstance(string action)
    {
        var (uuid, _) = await OwnerLockedAsync();

        ProblemAssert.Is(await ActAsync(_admin.As(Identity.Member("someone-else")), uuid, action), 404);
    }

    [Theory]
    [InlineData("power", 202)]
    [InlineData("rebuild", 202)]
    [InlineData("patch", 200)]
    [InlineData("delete", 204)]
    public async Task AnAdminMayActOnALockedInstance(string action, int status)
    {
        var (uuid, _) = await OwnerLockedAsync();

        var response = await ActAsync(_admin.As(Identity.Admin("ops")), uuid, action);

        Assert.Equal(status, response.Status);
    }

    [Fact]
    public async Task LockedShowsInTheRepresentationTheStatesAndTheListFilter()
    {
        var (uuid, owner) = await OwnerLockedAsync();

        var response = await owner.PutAsync($"/v1/instances/{uuid}/states/lock", new { target = true });

        Assert.Equal(202, response.Status);
        Assert.Empty(response.Text);
        Assert.Equal($"http://localhost/v1/instances/{uuid}/states", response.Header("Location"));
        Assert.True((await owner.GetAsync($"/v1/instances/{uuid}")).Json.GetProperty("locked").GetBoolean());
        Assert.True((await owner.GetAsync($"/v1/instances/{uuid}/states")).Json.GetProperty("locked").GetBoolean());
        var listed = (await owner.GetAsync("/v1/instances?locked=true")).Json.GetProperty("instances");
        Assert.Contains(listed.EnumerateArray(), i => i.GetProperty("uuid").GetString() == uuid);
        var unlocked = (await owner.GetAsync("/v1/instances?locked=false")).Json.GetProperty("instances");
        Assert.DoesNotContain(unlocked.EnumerateArray(), i => i.GetProperty("uuid").GetString() == uuid);
    }

    [Fact]
    public async Task TheOwnerUnlocksWhatTheOwnerLockedAndMayActAgain()
    {
        var (uuid, owner) = await OwnerLockedAsync();

        Assert.Equal(202, (await owner.PutAsync($"/v1/instances/{uuid}/states/lock", new { target = false })).Status);

        Assert.Equal(200, (await ActAsync(owner, uuid, "patch")).Status);
    }

    [Fact]
    public async Task OnlyAnAdminUnlocksWhatAnAdminLocked()
    {
        var owner = _admin.As(Identity.Member($"p-{Guid.NewGuid():N}"));
        var uuid = await owner.CreateActiveInstanceAsync(await _admin.CreateTypeAsync());
        Assert.Equal(202, (await _admin.PutAsync($"/v1/instances/{uuid}/states/lock", new { target = true })).Status);

        ProblemAssert.Is(await owner.PutAsync($"/v1/instances/{uuid}/states/lock", new { target = false }), 403, "admin");
        ProblemAssert.Is(await ActAsync(owner, uuid, "power"), 409, "locked by an admin");
        Assert.Equal(202, (await _admin.PutAsync($"/v1/instances/{uuid}/states/lock", new { target = false })).Status);
        Assert.False((await owner.GetAsync($"/v1/instances/{uuid}")).Json.GetProperty("locked").GetBoolean());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"target": "true"}""")]
    [InlineData("""{"target": null}""")]
    public async Task ALockBodyWithoutABooleanTargetIs400(string body)
    {
        var (uuid, _) = await OwnerLockedAsync();

        ProblemAssert.Is(await _admin.SendAsync(HttpMethod.Put, $"/v1/instances/{uuid}/states/lock", body), 400, "target");
    }
}
