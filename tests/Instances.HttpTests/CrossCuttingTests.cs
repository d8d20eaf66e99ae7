using Instances.HttpTests.Infrastructure;

namespace Instances.HttpTests;

[Collection(ApiCollection.Name)]
public sealed class CrossCuttingTests(ApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Theory]
    [InlineData("GET", "/v1/availability_zones", 200)]
    [InlineData("GET", "/v1/no-such-thing", 404)]
    [InlineData("DELETE", "/v1/availability_zones", 405)]
    [InlineData("GET", "/v1/instances/not-a-uuid", 404)]
    public async Task EveryResponseCarriesTheSameRequestIdUnderBothNames(string method, string path, int status)
    {
        var response = await _api.SendAsync(new HttpMethod(method), path);

        Assert.Equal(status, response.Status);
        var id = response.Header("x-openstack-request-id");
        Assert.Matches("^req-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", id);
        Assert.Equal(id, response.Header("openstack-request-id"));
    }

    [Fact]
    public async Task EachRequestGetsItsOwnRequestId()
    {
        var first = await _api.GetAsync("/v1");
        var second = await _api.GetAsync("/v1");

        Assert.NotEqual(first.Header("x-openstack-request-id"), second.Header("x-openstack-request-id"));
    }

    [Fact]
    public async Task EveryResponseDeclaresTheMicroversionAndVariesOnIt()
    {
        var ok = await _api.GetAsync("/v1");
        var missing = await _api.GetAsync("/v1/nothing-here");

        foreach (var response in new[] { ok, missing })
        {
            Assert.Equal("baremetal-compute 1.0", response.Header("OpenStack-API-Version"));
            Assert.Contains("OpenStack-API-Version", response.Header("Vary"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AnUnknownRouteIsProblemJsonEvenWhenTheClientAsksForHtmlOnThe404()
    {
        var response = await _api.SendAsync(HttpMethod.Get, "/v1/unknown", configure: r => r.Headers.Add("Accept", "application/json, text/html"));

        ProblemAssert.Is(response, 404, "/v1/unknown");
    }

    [Fact]
    public async Task AWrongMethodIsProblemJson405()
    {
        var response = await _api.SendAsync(HttpMethod.Put, "/v1/availability_zones", "{}");

        ProblemAssert.Is(response, 405, "PUT");
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/problem+json")]
    [InlineData("application/*")]
    [InlineData("*/*")]
    [InlineData("text/html, application/json;q=0.5")]
    public async Task AcceptHeadersThatIncludeJsonAreServed(string accept)
    {
        var response = await _api.SendAsync(HttpMethod.Get, "/v1", configure: r => r.Headers.TryAddWithoutValidation("Accept", accept));

        Assert.Equal(200, response.Status);
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("latest")]
    public async Task TheSupportedMicroversionsAreServed(string version)
    {
        var response = await _api.SendAsync(HttpMethod.Get, "/v1",
            configure: r => r.Headers.TryAddWithoutValidation("OpenStack-API-Version", $"baremetal-compute {version}"));

        Assert.Equal(200, response.Status);
    }

    [Fact]
    public async Task AMicroversionForAnotherServiceIsIgnored()
    {
        var response = await _api.SendAsync(HttpMethod.Get, "/v1",
            configure: r => r.Headers.TryAddWithoutValidation("OpenStack-API-Version", "compute 2.90"));

        Assert.Equal(200, response.Status);
    }
}
