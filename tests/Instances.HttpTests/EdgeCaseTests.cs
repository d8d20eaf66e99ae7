using System.Text.Json;
using Instances.HttpTests.Infrastructure;

namespace Instances.HttpTests;

[Collection(EdgeCaseCollection.Name)]
public sealed class EdgeCaseTests(EdgeCaseFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    /// <summary>An instance in error: with one node per zone, at most one build per zone can succeed.</summary>
    private async Task<JsonElement> ErroredInstanceAsync(string type)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var uuid = (await _api.CreateInstanceAsync(type)).GetProperty("uuid").GetString()!;
            var settled = await Eventually.UntilAsync(
                () => _api.GetAsync($"/v1/instances/{uuid}"),
                r => r.Json.GetProperty("status").GetString() is "active" or "error",
                what: $"{uuid} to finish building");
            if (settled.Json.GetProperty("status").GetString() == "error")
            {
                return settled.Json; // otherwise it now holds the zone's only node, and the next build fails
            }
        }

        Assert.Fail("Three builds in a one-node zone all succeeded.");
        return default;
    }

    [Fact]
    public async Task ABuildWithoutAFreeNodeEndsInErrorWithAFault()
    {
        var instance = await ErroredInstanceAsync(await _api.CreateTypeAsync());

        var fault = instance.GetProperty("fault");
        Assert.Equal(500, fault.GetProperty("code").GetInt32());
        Assert.Contains("No valid host was found", fault.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.String, fault.GetProperty("created_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, instance.GetProperty("power_state").ValueKind);
    }

    [Theory]
    [InlineData("on")]
    [InlineData("off")]
    [InlineData("reboot")]
    [InlineData("soft_off")]
    [InlineData("soft_reboot")]
    public async Task EveryPowerChangeOfAnInstanceInErrorIsInvalidState(string target)
    {
        var uuid = (await ErroredInstanceAsync(await _api.CreateTypeAsync())).GetProperty("uuid").GetString()!;

        var response = await _api.PutAsync($"/v1/instances/{uuid}/states/power", new { target });

        ProblemAssert.Is(response, 400, "error");
    }

    [Fact]
    public async Task AnInstanceInErrorCanBeDeleted()
    {
        var uuid = (await ErroredInstanceAsync(await _api.CreateTypeAsync())).GetProperty("uuid").GetString()!;

        Assert.Equal(204, (await _api.DeleteAsync($"/v1/instances/{uuid}")).Status);

        await Eventually.UntilAsync(() => _api.GetAsync($"/v1/instances/{uuid}"), r => r.Status == 404, what: "the errored instance to be gone");
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("192.168.50.7")]
    public async Task BehindATrustedProxyLinksAndLocationUseTheForwardedSchemeAndHost(string proxy)
    {
        var response = await ProxiedTypeCreateAsync(proxy);

        Assert.Equal(201, response.Status);
        var uuid = response.Json.GetProperty("uuid").GetString();
        Assert.Equal($"https://api.example.com/v1/types/{uuid}", response.Header("Location"));
        Assert.Equal($"https://api.example.com/types/{uuid}", response.Json.GetProperty("links")[1].GetProperty("href").GetString());
    }

    [Theory]
    [InlineData("10.9.9.9")]
    [InlineData("192.168.51.7")]
    public async Task ForwardedHeadersFromAnyoneElseAreIgnored(string sender)
    {
        var response = await ProxiedTypeCreateAsync(sender);

        Assert.Equal(201, response.Status);
        var uuid = response.Json.GetProperty("uuid").GetString();
        Assert.Equal($"http://localhost/v1/types/{uuid}", response.Header("Location"));
    }

    private Task<ApiResponse> ProxiedTypeCreateAsync(string from) =>
        _api.SendAsync(HttpMethod.Post, "/v1/types", $$"""{"name": "proxied-{{Guid.NewGuid():N}}"}""", configure: r =>
        {
            r.Headers.Add(EdgeCaseFactory.RemoteAddressHeader, from);
            r.Headers.Add("X-Forwarded-Proto", "https");
            r.Headers.Add("X-Forwarded-Host", "api.example.com");
        });

    [Fact]
    public async Task AnUnexpectedExceptionIsA500ProblemThatLeaksNothing()
    {
        var response = await _api.SendAsync(HttpMethod.Get, EdgeCaseFactory.BoomPath, configure: r => r.Headers.Add("Accept", "text/html, */*"));

        ProblemAssert.Is(response, 500);
        Assert.DoesNotContain(EdgeCaseFactory.Secret, response.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnavailableClusterIsA503WithRetryAfter()
    {
        var response = await _api.GetAsync(EdgeCaseFactory.SiloDownPath);

        ProblemAssert.Is(response, 503, "retry");
        Assert.Equal("1", response.Header("Retry-After"));
        Assert.DoesNotContain(EdgeCaseFactory.Secret, response.Text, StringComparison.Ordinal);
    }
}
