using System.Globalization;
using Instances.HttpTests.Infrastructure;

namespace Instances.HttpTests;

/// <summary>
/// API.md §3, the rows <see cref="ProjectIsolationTests"/> leaves out: every instance-scoped route in both spellings and
/// content types, with valid and invalid bodies, is a 404 for a member of another project and changes nothing; lists
/// never show another project's instance, whatever filters a member sends.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class CrossTenantTests(ApiFactory factory)
{
    private const string Patch = """[{"op": "replace", "path": "/name", "value": "stolen"}]""";

    private readonly Api _root = new(factory.CreateClient());

    /// <summary>
    /// Method, path, body, content type, and whether the route is implemented (then the 404 is the instance's own
    /// "could not be found"; the routes API.md lists but the service does not serve yet are plain unknown routes).
    /// </summary>
    public static TheoryData<string, string, string?, string?, bool> Routes => new()
    {
        { "GET", "/v1/instances/{0}?fields=name,project_id", null, null, true },
        { "PATCH", "/instances/{0}", Patch, "application/json", true },
        { "PATCH", "/v1/instances/{0}", Patch, "application/json-patch+json", true },
        { "PATCH", "/v1/instances/{0}", """[{"op": "add", "path": "/extra/k", "value": "v"}]""", "application/json", true },
        { "PATCH", "/v1/instances/{0}", """[{"op": "remove", "path": "/description"}]""", "application/json", true },
        { "DELETE", "/instances/{0}", null, null, true },
        { "GET", "/instances/{0}/states", null, null, true },
        { "PUT", "/v1/instances/{0}/states/power", """{"target": "soft_off", "timeout": 30}""", "application/json", true },
        { "PUT", "/v1/instances/{0}/states/power", """{"target": "power off"}""", "application/json", true },
        { "PUT", "/v1/instances/{0}/states/power", """{"target": "soft_reboot"}""", "application/json", true },
        { "PUT", "/v1/instances/{0}/states/lock", """{"target": true}""", "application/json", false },
        { "PUT", "/instances/{0}/states/lock", """{"target": true}""", "application/json", false },
        { "PUT", "/v1/instances/{0}/states/provision", """{"target": "rebuild"}""", "application/json", false },
        { "GET", "/v1/instances/{0}/actions", null, null, false },
        { "GET", "/v1/instances/{0}/events", null, null, false },
    };

    /// <summary>Bodies that would be 400/415 on one's own instance: for another project's the answer is still 404, so it leaks nothing.</summary>
    public static TheoryData<string, string, string?, string?> InvalidBodies => new()
    {
        { "PATCH", "/v1/instances/{0}", """[{"op": "replace", "path": "/uuid", "value": "x"}]""", "application/json" },
        { "PATCH", "/v1/instances/{0}", "[]", "application/json" },
        { "PATCH", "/v1/instances/{0}", "{\"name\":", "application/json" },
        { "PATCH", "/v1/instances/{0}", Patch, "text/plain" },
        { "PATCH", "/v1/instances/{0}", "", "application/json" },
        { "PUT", "/v1/instances/{0}/states/power", """{"target": "sideways"}""", "application/json" },
        { "PUT", "/v1/instances/{0}/states/power", """{"target": "on", "timeout": 0}""", "application/json" },
        { "PUT", "/v1/instances/{0}/states/power", "{}", "application/json" },
        { "PUT", "/v1/instances/{0}/states/power", "", "application/json" },
        { "PUT", "/v1/instances/{0}/states/power", """{"target": "off"}""", "text/plain" },
        { "PUT", "/v1/instances/{0}/states/power", """{"target": "off"}""", null },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task EveryInstanceRouteIsA404ForAnotherProjectAndChangesNothing(string method, string path, string? body, string? contentType, bool implemented)
    {
        var (owner, intruder, uuid) = await ArrangeAsync();
        var before = (await owner.GetAsync($"/v1/instances/{uuid}")).Text;

        var response = await intruder.SendAsync(new HttpMethod(method), Fill(path, uuid), body, contentType);

        var problem = ProblemAssert.Is(response, 404);
        if (implemented)
        {
            Assert.Equal($"Instance {uuid} could not be found.", problem.GetProperty("detail").GetString());
        }

        Assert.Equal(before, (await owner.GetAsync($"/v1/instances/{uuid}")).Text);
    }

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task AnInvalidBodyOnAnotherProjectsInstanceIsStillA404(string method, string path, string? body, string? contentType)
    {
        var (owner, intruder, uuid) = await ArrangeAsync();
        var before = (await owner.GetAsync($"/v1/instances/{uuid}")).Text;

        var response = await intruder.SendAsync(new HttpMethod(method), Fill(path, uuid), body, contentType);

        var problem = ProblemAssert.Is(response, 404);
        Assert.Equal($"Instance {uuid} could not be found.", problem.GetProperty("detail").GetString());
        Assert.Equal(before, (await owner.GetAsync($"/v1/instances/{uuid}")).Text);
    }

    [Theory]
    [InlineData("member,admins")]
    [InlineData("administrator")]
    [InlineData("admin-like")]
    [InlineData("")]
    [InlineData(",")]
    public async Task RolesThatOnlyLookLikeAdminDoNotReachAnotherProject(string roles)
    {
        var (owner, _, uuid) = await ArrangeAsync();
        var before = (await owner.GetAsync($"/v1/instances/{uuid}")).Text;
        var pretender = _root.As(new Identity("project-b", "pretender", roles));

        ProblemAssert.Is(await pretender.GetAsync($"/v1/instances/{uuid}"), 404, uuid);
        ProblemAssert.Is(await pretender.PutAsync($"/v1/instances/{uuid}/states/power", new { target = "off" }), 404, uuid);
        ProblemAssert.Is(await pretender.DeleteAsync($"/v1/instances/{uuid}"), 404, uuid);
        Assert.DoesNotContain(uuid, (await pretender.GetAsync("/v1/instances/detail?all_tenants=1")).Text, StringComparison.Ordinal);
        Assert.Equal(before, (await owner.GetAsync($"/v1/instances/{uuid}")).Text);
    }

    [Theory]
    [InlineData("/v1/instances")]
    [InlineData("/v1/instances/detail")]
    [InlineData("/instances")]
    [InlineData("/instances/detail")]
    [InlineData("/v1/instances?all_tenants=1")]
    [InlineData("/v1/instances/detail?all_tenants=true")]
    [InlineData("/v1/instances/detail?all_tenants")]
    [InlineData("/v1/instances/detail?project_id={project}")]
    [InlineData("/v1/instances/detail?project_id={project}&all_tenants=1")]
    [InlineData("/v1/instances/detail?all_tenants=1&name={name}")]
    [InlineData("/v1/instances/detail?all_tenants=1&status=active&sort_key=name&sort_dir=asc&limit=1000")]
    [InlineData("/v1/instances?all_tenants=1&fields=project_id,name")]
    public async Task AMemberNeverListsAnotherProjectsInstancesWhateverTheFilters(string path)
    {
        var owner = _root.As(Identity.Member($"owner-{Guid.NewGuid():N}"));
        var intruderProject = $"intruder-{Guid.NewGuid():N}";
        var intruder = _root.As(Identity.Member(intruderProject));
        var name = $"secret-{Guid.NewGuid():N}";
        var type = await _root.CreateTypeAsync();
        var uuid = await owner.CreateActiveInstanceAsync(type, name);
        var own = await intruder.CreateActiveInstanceAsync(type);
        var ownerProject = OwnerProject(await owner.GetAsync($"/v1/instances/{uuid}"));

        var response = await intruder.GetAsync(path.Replace("{project}", ownerProject, StringComparison.Ordinal).Replace("{name}", name, StringComparison.Ordinal));

        Assert.True(response.Status == 200, response.ToString());
        Assert.DoesNotContain(uuid, response.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(name, response.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(ownerProject, response.Text, StringComparison.Ordinal);
        Assert.All(response.Json.GetProperty("instances").EnumerateArray(), i => Assert.Equal(own, i.GetProperty("uuid").GetString()));
        if (!path.Contains("&name=", StringComparison.Ordinal))
        {
            Assert.Contains(own, response.Text, StringComparison.Ordinal); // the caller's own instances are still listed
        }
    }

    [Fact]
    public async Task AnotherProjectsInstanceAsAMarkerIsTheSame400AsAnUnknownOne()
    {
        var (_, intruder, uuid) = await ArrangeAsync();
        var unknown = Guid.NewGuid().ToString("D");

        var theirs = ProblemAssert.Is(await intruder.GetAsync($"/v1/instances?marker={uuid}"), 400, "marker");
        var none = ProblemAssert.Is(await intruder.GetAsync($"/v1/instances?marker={unknown}"), 400, "marker");

        Assert.Equal(none.GetProperty("detail").GetString()!.Replace(unknown, "ID", StringComparison.Ordinal),
            theirs.GetProperty("detail").GetString()!.Replace(uuid, "ID", StringComparison.Ordinal));
    }

    private async Task<(Api Owner, Api Intruder, string Uuid)> ArrangeAsync()
    {
        var owner = _root.As(Identity.Member("project-a"));
        var intruder = _root.As(Identity.Member("project-b"));
        var uuid = await owner.CreateActiveInstanceAsync(await _root.CreateTypeAsync(), "owned-by-a");
        return (owner, intruder, uuid);
    }

    private static string OwnerProject(ApiResponse show) => show.Json.GetProperty("project_id").GetString()!;

    private static string Fill(string path, string uuid) => string.Format(CultureInfo.InvariantCulture, path, uuid);
}
