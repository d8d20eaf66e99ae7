using Instances.HttpTests.Infrastructure;

namespace Instances.HttpTests;

/// <summary>API.md §4 "Create", <c>Idempotency-Key</c>: one instance per (project, key), whatever the retries.</summary>
[Collection(ApiCollection.Name)]
public sealed class IdempotentCreateTests(ApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    private static Task<ApiResponse> CreateAsync(Api api, object body, string key) =>
        api.SendAsync(HttpMethod.Post, "/v1/instances", Api.Json(body),
            configure: r => r.Headers.TryAddWithoutValidation("Idempotency-Key", key));

    private static async Task<int> CountNamedAsync(Api api, string name) =>
        (await api.GetAsync($"/v1/instances?name={name}")).Json.GetProperty("instances").GetArrayLength();

    private static Dictionary<string, object?> Body(string type, string name)
    {
        var body = (Dictionary<string, object?>)Scenario.InstanceBody(type, name);
        body.Remove("availability_zone");
        return body;
    }

    [Fact]
    public async Task TheSameKeyAndBodyReturnTheFirstInstanceAndCreateNoOther()
    {
        var name = $"idem-{Guid.NewGuid():N}";
        var body = Body((await factory.SharedAsync()).Type, name);
        var key = Guid.NewGuid().ToString();

        var first = await CreateAsync(_api, body, key);
        var retry = await CreateAsync(_api, body, key);

        Assert.Equal(201, first.Status);
        Assert.Equal(201, retry.Status);
        var uuid = first.Json.GetProperty("uuid").GetString();
        Assert.Equal(uuid, retry.Json.GetProperty("uuid").GetString());
        Assert.Equal(first.Header("Location"), retry.Header("Location"));
        Assert.Equal((await _api.GetAsync($"/v1/instances/{uuid}")).Json.GetProperty("name").GetString(), retry.Json.GetProperty("name").GetString());
        Assert.Equal(1, await CountNamedAsync(_api, name));
    }

    [Fact]
    public async Task TheSameRequestSpelledDifferentlyIsStillTheSameRequest()
    {
        var name = $"idem-{Guid.NewGuid():N}";
        var body = Body((await factory.SharedAsync()).Type, name);
        var network = Guid.NewGuid().ToString();
        body["networks"] = new[] { new { uuid = network } };
        var key = Guid.NewGuid().ToString();
        var first = await CreateAsync(_api, body, key);

        body["networks"] = new[] { new { net_id = network.ToUpperInvariant() } };
        var retry = await CreateAsync(_api, body, key);

        Assert.Equal(201, retry.Status);
        Assert.Equal(first.Json.GetProperty("uuid").GetString(), retry.Json.GetProperty("uuid").GetString());
    }

    [Fact]
    public async Task TheSameKeyWithADifferentBodyIsAConflictNamingTheKey()
    {
        var type = (await factory.SharedAsync()).Type;
        var name = $"idem-{Guid.NewGuid():N}";
        var key = $"key-{Guid.NewGuid():N}";
        Assert.Equal(201, (await CreateAsync(_api, Body(type, name), key)).Status);

        var response = await CreateAsync(_api, Body(type, name + "-other"), key);

        ProblemAssert.Is(response, 409, key, "Idempotency-Key");
        Assert.Equal(0, await CountNamedAsync(_api, name + "-other"));
    }

    [Fact]
    public async Task TwentyConcurrentDuplicatesCreateExactlyOneInstance()
    {
        var name = $"idem-{Guid.NewGuid():N}";
        var body = Body((await factory.SharedAsync()).Type, name);
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => CreateAsync(_api, body, key)));

        Assert.All(responses, r => Assert.Equal(201, r.Status));
        Assert.Single(responses.Select(r => r.Json.GetProperty("uuid").GetString()).Distinct());
        Assert.Equal(1, await CountNamedAsync(_api, name));
    }

    [Fact]
    public async Task DifferentProjectsUseTheSameKeyIndependently()
    {
        var type = (await factory.SharedAsync()).Type;
        var name = $"idem-{Guid.NewGuid():N}";
        var key = Guid.NewGuid().ToString();
        var a = _api.As(Identity.Member($"a-{Guid.NewGuid():N}"));
        var b = _api.As(Identity.Member($"b-{Guid.NewGuid():N}"));

        var fromA = await CreateAsync(a, Body(type, name), key);
        var fromB = await CreateAsync(b, Body(type, name + "-b"), key);

        Assert.Equal(201, fromA.Status);
        Assert.Equal(201, fromB.Status);
        Assert.NotEqual(fromA.Json.GetProperty("uuid").GetString(), fromB.Json.GetProperty("uuid").GetString());
        Assert.Equal(1, await CountNamedAsync(a, name));
        Assert.Equal(1, await CountNamedAsync(b, name + "-b"));
    }

    [Fact]
    public async Task ARefusedCreateDoesNotUseUpTheKey()
    {
        var body = Body((await factory.SharedAsync()).Type, $"idem-{Guid.NewGuid():N}");
        var key = Guid.NewGuid().ToString();
        var invalid = new Dictionary<string, object?>(body) { ["name"] = "" };

        ProblemAssert.Is(await CreateAsync(_api, invalid, key), 400, "name");
        var valid = await CreateAsync(_api, body, key);

        Assert.Equal(201, valid.Status);
    }

    [Theory]
    [InlineData("a\tb")]
    [InlineData("ключ")]
    [InlineData("a\u007fb")]
    [InlineData(null)]
    public async Task AnInvalidKeyIs400NamingTheHeader(string? key)
    {
        var body = Body((await factory.SharedAsync()).Type, $"idem-{Guid.NewGuid():N}");

        var response = await CreateAsync(_api, body, key ?? new string('k', 256));

        ProblemAssert.Is(response, 400, "Idempotency-Key");
    }
}
