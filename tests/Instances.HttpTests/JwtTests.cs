using System.Net.Http.Headers;
using Instances.HttpTests.Infrastructure;

namespace Instances.HttpTests;

/// <summary>JWT mode (API.md §3): every route needs a valid token; the token, not the headers, is the identity.</summary>
[Collection(JwtCollection.Name)]
public class JwtTests(JwtFactory factory)
{
    private const string Type = "{type}";
    private const string Instance = "{instance}";

    /// <summary>Every route: method, path, body, and whether only an admin may use it.</summary>
    public static TheoryData<string, string, string?, bool> Routes => new()
    {
        { "GET", "/v1/instances", null, false },
        { "GET", "/v1/instances/detail", null, false },
        { "POST", "/v1/instances", "{}", false },
        { "GET", $"/v1/instances/{Instance}", null, false },
        { "PATCH", $"/v1/instances/{Instance}", "[]", false },
        { "DELETE", $"/v1/instances/{Guid.Empty}", null, false },
        { "GET", $"/v1/instances/{Instance}/states", null, false },
        { "PUT", $"/v1/instances/{Instance}/states/power", """{"target":"on"}""", false },
        { "GET", "/v1/types", null, false },
        { "POST", "/v1/types", """{"name":"jwt-type"}""", true },
        { "GET", $"/v1/types/{Type}", null, false },
        { "PUT", $"/v1/types/{Type}", """{"description":"d"}""", true },
        { "DELETE", $"/v1/types/{Guid.Empty}", null, true },
        { "GET", $"/v1/types/{Type}/extraspecs", null, false },
        { "PATCH", $"/v1/types/{Type}/extraspecs", """{"k":"v"}""", true },
        { "DELETE", $"/v1/types/{Type}/extraspecs/nope", null, true },
        { "GET", "/v1/availability_zones", null, false },
        { "GET", "/instances", null, false },
    };

    public static TheoryData<string> BadTokens => new() { "none", "expired", "wrong-issuer", "wrong-audience", "bad-signature", "no-project", "garbage" };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task EveryRouteRefusesAMissingOrInvalidTokenWith401AndABearerChallenge(string kind)
    {
        var (type, instance) = await SharedAsync();
        foreach (var route in Routes)
        {
            var (method, path, body) = ((string)route[0], Fill((string)route[1], type, instance), (string?)route[2]);
            var response = await SendAsync(method, path, body, kind == "none" ? null : JwtFactory.BadToken(kind));

            Assert.True(response.Status == 401, $"{kind} {method} {path}: {response}");
            Assert.Equal("application/problem+json", response.MediaType);
            var challenge = response.Header("WWW-Authenticate")!;
            Assert.StartsWith("Bearer", challenge, StringComparison.Ordinal);
            if (kind != "none")
            {
                Assert.Contains("error=\"invalid_token\"", challenge, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task AMemberReachesEveryRouteButTheAdminOnesWhichAre403(string method, string path, string? body, bool adminOnly)
    {
        var (type, instance) = await SharedAsync();

        var response = await SendAsync(method, Fill(path, type, instance), body, JwtFactory.Token("alpha", "member"));

        if (adminOnly)
        {
            Assert.True(response.Status == 403, response.ToString());
        }
        else
        {
            Assert.True(response.Status is >= 200 and < 300 or 400 or 404 or 409, $"{method} {path}: {response}");
        }
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task AnAdminReachesEveryRoute(string method, string path, string? body, bool adminOnly)
    {
        _ = adminOnly;
        var (type, instance) = await SharedAsync();

        var response = await SendAsync(method, Fill(path, type, instance), body, JwtFactory.Token("ops", "admin"));

        Assert.True(response.Status is >= 200 and < 300 or 400 or 404 or 409, $"{method} {path}: {response}");
    }

    [Fact]
    public async Task IdentityHeadersAreIgnoredTheTokenIsTheIdentity()
    {
        var (type, _) = await SharedAsync();
        var member = JwtFactory.Token("beta", "member");

        var typeCreate = await SendAsync("POST", "/v1/types", """{"name":"sneaky"}""", member,
            r => { r.Headers.Add("X-Roles", "admin"); r.Headers.Add("X-Project-Id", "admin"); });
        var created = await SendAsync("POST", "/v1/instances", Api.Json(Scenario.InstanceBody(type, "beta-vm")), member,
            r => r.Headers.Add("X-Project-Id", "gamma"));

        Assert.Equal(403, typeCreate.Status);
        Assert.True(created.Status == 201, created.ToString());
        Assert.Equal("beta", created.Json.GetProperty("project_id").GetString());
        Assert.Equal("user-of-beta", created.Json.GetProperty("user_id").GetString());
    }

    [Fact]
    public async Task AnotherProjectsInstanceIsNotFound()
    {
        var (_, instance) = await SharedAsync();

        var other = await SendAsync("GET", $"/v1/instances/{instance}", null, JwtFactory.Token("beta", "member"));
        var owner = await SendAsync("GET", $"/v1/instances/{instance}", null, JwtFactory.Token("alpha", "member"));

        Assert.Equal(404, other.Status);
        Assert.Equal(200, owner.Status);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/v1")]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task VersionDiscoveryAndHealthNeedNoToken(string path)
    {
        Assert.Equal(200, (await SendAsync("GET", path, null, null)).Status);
    }

    private static string Fill(string path, string type, string instance) => path.Replace(Type, type, StringComparison.Ordinal).Replace(Instance, instance, StringComparison.Ordinal);

    private Task<ApiResponse> SendAsync(string method, string path, string? body, string? token, Action<HttpRequestMessage>? more = null) =>
        new Api(factory.CreateClient(), new Identity(null, null, null)).SendAsync(new HttpMethod(method), path, body, configure: request =>
        {
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            more?.Invoke(request);
        });

    /// <summary>A type (made by an admin) and an active instance of project alpha.</summary>
    private async Task<(string Type, string Instance)> SharedAsync()
    {
        var admin = JwtFactory.Token("ops", "admin");
        var type = await SendAsync("POST", "/v1/types", """{"name":"jwt-shared"}""", admin);
        var uuid = type.Json.GetProperty("uuid").GetString()!;
        var instance = await SendAsync("POST", "/v1/instances", Api.Json(Scenario.InstanceBody(uuid, "alpha-vm")), JwtFactory.Token("alpha", "member"));
        Assert.True(instance.Status == 201, instance.ToString());
        return (uuid, instance.Json.GetProperty("uuid").GetString()!);
    }
}
