using Instances.HttpTests.Infrastructure;

namespace Instances.HttpTests;

/// <summary>
/// Issue 8: <c>/metrics</c> after a scripted workload through the HTTP API shows exactly what was done,
/// and the endpoint's access rules (anonymous by default, admins only when configured).
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed class MetricsTests
{
    [Fact]
    public async Task AfterThreeBuildsTwoPowerOffsAndAFailedRebuildTheScrapeCountsExactlyThose()
    {
        await using var host = new ApiFactory();
        var api = new Api(host.CreateClient());
        var type = await api.CreateTypeAsync();
        var uuids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            uuids.Add(await api.CreateActiveInstanceAsync(type, $"metered-{i}"));
        }

        foreach (var uuid in uuids.Take(2))
        {
            Assert.Equal(202, (await api.PutAsync($"/v1/instances/{uuid}/states/power", new { target = "off" })).Status);
            await api.WaitForStatusAsync(uuid, "stopped");
        }

        var rebuild = new { target = "rebuild", image_uuid = ApiFactory.CorruptImage };
        Assert.Equal(202, (await api.PutAsync($"/v1/instances/{uuids[2]}/states/provision", rebuild)).Status);
        await api.WaitForStatusAsync(uuids[2], "error");

        // The completion is counted in the turn that saved it; a scrape may still precede it by a hair.
        var scrape = await Eventually.UntilAsync(
            () => PrometheusScrape.ReadAsync(api.Http),
            s => s.Value("instances_operations_completed_total", ("kind", "power"), ("action", "off")) >= 2
                && s.Value("instances_operations_failed_total", ("kind", "rebuild")) >= 1,
            what: "two completed power-offs and a failed rebuild in the scrape");

        Assert.Equal(3, scrape.Value("instances_operations_accepted_total", ("kind", "build")));
        Assert.Equal(3, scrape.Value("instances_operations_completed_total", ("kind", "build")));
        Assert.Equal(2, scrape.Value("instances_operations_accepted_total", ("kind", "power"), ("action", "off")));
        Assert.Equal(2, scrape.Value("instances_operations_completed_total", ("kind", "power"), ("action", "off")));
        Assert.Equal(1, scrape.Value("instances_operations_accepted_total", ("kind", "rebuild")));
        Assert.Equal(0, scrape.Value("instances_operations_completed_total", ("kind", "rebuild")));
        Assert.Equal([1.0], scrape.Series("instances_operations_failed_total"));
        Assert.Equal(1, scrape.Value("instances_operations_duration_seconds_count", ("kind", "rebuild"), ("outcome", "failure")));
        Assert.Empty(scrape.Series("instances_operations_resumed_total"));
        Assert.Empty(scrape.Series("instances_operations_accepted_total", ("kind", "delete")));

        Assert.Equal(3, scrape.Value("instances_operations_duration_seconds_count", ("kind", "build"), ("outcome", "success")));
        Assert.Equal(2, scrape.Value("instances_operations_duration_seconds_count", ("kind", "power"), ("action", "off"), ("outcome", "success")));
        Assert.Equal(2, scrape.Value("instances_operations_duration_seconds_bucket", ("kind", "power"), ("action", "off"), ("le", "+Inf")));
        Assert.True(scrape.Value("instances_operations_duration_seconds_sum", ("kind", "power"), ("action", "off"), ("outcome", "success")) > 0);

        Assert.Equal(2, scrape.Value("instances_driver_duration_seconds_count", ("call", "set_power"), ("outcome", "success")));
        Assert.Equal(3, scrape.Value("instances_driver_duration_seconds_count", ("call", "deploy"), ("outcome", "success")));

        Assert.Equal(2, scrape.Value("instances_instances", ("status", "stopped"), ("power_state", "power off")));
        Assert.Equal(1, scrape.Value("instances_instances", ("status", "error")));
        Assert.Empty(scrape.Series("instances_instances", ("status", "active")));

        // Orleans' own meter and ASP.NET Core's are there too.
        Assert.NotEmpty(scrape.Series("orleans_app_requests_latency_milliseconds_count"));
        Assert.NotEmpty(scrape.Series("http_server_request_duration_seconds_count", ("http_route", "/v1/instances/{uuid}/states/power")));
    }

    [Fact]
    public async Task EachHostCountsOnlyItsOwnOperationsAndKeepsCountingAfterAnotherHostInTheProcessStops()
    {
        await using var host = new ApiFactory();
        var api = new Api(host.CreateClient());
        var uuid = await api.CreateActiveInstanceAsync(await api.CreateTypeAsync());

        // Another host in the same process builds an instance, then stops (disposing its meters).
        await using (var other = new ApiFactory())
        {
            var otherApi = new Api(other.CreateClient());
            await otherApi.CreateActiveInstanceAsync(await otherApi.CreateTypeAsync());
        }

        Assert.Equal(202, (await api.PutAsync($"/v1/instances/{uuid}/states/power", new { target = "off" })).Status);
        await api.WaitForStatusAsync(uuid, "stopped");
        var scrape = await Eventually.UntilAsync(
            () => PrometheusScrape.ReadAsync(api.Http),
            s => s.Value("instances_operations_completed_total", ("kind", "power"), ("action", "off")) >= 1,
            what: "this host's power-off in its scrape after the other host stopped");

        Assert.Equal(1, scrape.Value("instances_operations_accepted_total", ("kind", "build")));
        Assert.Equal(1, scrape.Value("instances_operations_completed_total", ("kind", "build")));
        Assert.Equal(1, scrape.Value("instances_operations_completed_total", ("kind", "power"), ("action", "off")));
    }

    [Fact]
    public async Task InJwtModeScrapersNeedNoTokenAndNoApiVersionNegotiation()
    {
        await using var host = new Configured(JwtFactory.JwtSettings);
        using var http = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add("Accept", "application/openmetrics-text; version=1.0.0");

        using var response = await http.SendAsync(request);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Contains("target_info", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenRequireAdminIsSetMembersGet403AndAdmins200()
    {
        await using var host = new Configured(new Dictionary<string, string> { ["Telemetry:Metrics:RequireAdmin"] = "true" });

        var member = await new Api(host.CreateClient(), Identity.Member("p")).GetAsync("/metrics");
        var admin = await new Api(host.CreateClient(), Identity.Admin("p")).GetAsync("/metrics");

        ProblemAssert.Is(member, 403, "admin");
        Assert.Equal(200, admin.Status);
    }

    [Fact]
    public async Task ItCanBeTurnedOff()
    {
        await using var host = new Configured(new Dictionary<string, string> { ["Telemetry:Metrics:Prometheus"] = "false" });

        Assert.Equal(404, (await new Api(host.CreateClient()).GetAsync("/metrics")).Status);
    }

    private sealed class Configured(IReadOnlyDictionary<string, string> settings) : ApiFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings => settings;
    }
}
