using Instances.HttpTests.Infrastructure;

namespace Instances.HttpTests;

/// <summary>API.md §3: another project's instance does not exist for a member (404), and nothing they send changes it.</summary>
[Collection(ApiCollection.Name)]
public sealed class ProjectIsolationTests(ApiFactory factory)
{
    private readonly Api _root = new(factory.CreateClient());

    public static TheoryData<string, string, string?> InstanceRoutes => new()
    {
        { "GET", "/v1/instances/{0}", null },
        { "GET", "/instances/{0}", null },
        { "PATCH", "/v1/instances/{0}", """[{"op": "replace", "path": "/name", "value": "stolen"}]""" },
        { "DELETE", "/v1/instances/{0}", null },
        { "GET", "/v1/instances/{0}/states", null },
        { "PUT", "/v1/instances/{0}/states/power", """{"target": "off"}""" },
        { "PUT", "/instances/{0}/states/power", """{"target": "reboot"}""" },
    };

    [Theory]
    [MemberData(nameof(InstanceRoutes))]
    public async Task AMemberOfAnotherProjectGets404OnEveryInstanceRouteAndTheInstanceIsUnchanged(string method, string path, string? body)
    {
        var owner = _root.As(Identity.Member("project-a"));
        var intruder = _root.As(Identity.Member("project-b"));
        var uuid = await owner.CreateActiveInstanceAsync(await _root.CreateTypeAsync(), "owned-by-a");
        var before = (await owner.GetAsync($"/v1/instances/{uuid}")).Text;

        var response = await intruder.SendAsync(new HttpMethod(method), string.Format(System.Globalization.CultureInfo.InvariantCulture, path, uuid), body);

        var problem = ProblemAssert.Is(response, 404, uuid);
        Assert.Equal($"Instance {uuid} could not be found.", problem.GetProperty("detail").GetString());
        Assert.Equal(before, (await owner.GetAsync($"/v1/instances/{uuid}")).Text);
        Assert.DoesNotContain(uuid, (await intruder.GetAsync("/v1/instances/detail?all_tenants=1")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdminOfAnotherProjectMayActOnTheInstance()
    {
        var owner = _root.As(Identity.Member("project-c"));
        var admin = _root.As(Identity.Admin("project-d"));
        var uuid = await owner.CreateActiveInstanceAsync(await _root.CreateTypeAsync());

        Assert.Equal(200, (await admin.GetAsync($"/v1/instances/{uuid}")).Status);
        Assert.Equal(202, (await admin.PutAsync($"/v1/instances/{uuid}/states/power", new { target = "off" })).Status);
    }

    [Fact]
    public async Task AnInstanceRecordsTheCreatorsProjectAndUser()
    {
        var owner = _root.As(new Identity("project-e", "alice", "member"));

        var instance = await owner.CreateInstanceAsync(await _root.CreateTypeAsync());

        Assert.Equal("project-e", instance.GetProperty("project_id").GetString());
        Assert.Equal("alice", instance.GetProperty("user_id").GetString());
    }
}
