using Instances.HttpTests.Infrastructure;

namespace Instances.HttpTests;

/// <summary>Per-project rate limiting, when switched on: 429 + Retry-After for the busy project only.</summary>
public sealed class RateLimitTests : IClassFixture<RateLimitTests.LimitedFactory>
{
    private readonly LimitedFactory _factory;

    public RateLimitTests(LimitedFactory factory) => _factory = factory;

    [Fact]
    public async Task ABusyProjectGets429WithRetryAfterWhileAnotherProjectIsServed()
    {
        var busy = new Api(_factory.CreateClient(), Identity.Member("busy"));
        var quiet = new Api(_factory.CreateClient(), Identity.Member("quiet"));

        // 1 permit a second and a burst of 2: ten requests at once cannot all pass.
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => busy.GetAsync("/v1/instances")));
        var other = await quiet.GetAsync("/v1/instances");

        var refused = Assert.Single(responses.Where(r => r.Status == 429).Take(1));
        ProblemAssert.Is(refused, 429);
        Assert.True(int.Parse(refused.Header("Retry-After")!, System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.True(responses.Count(r => r.Status == 200) <= 3, string.Join(", ", responses.Select(r => r.Status)));
        Assert.Equal(200, other.Status);
    }

    [Fact]
    public async Task HealthAndVersionsAreNeverLimited()
    {
        var anonymous = new Api(_factory.CreateClient());
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => anonymous.GetAsync(i % 2 == 0 ? "/health/live" : "/")));

        Assert.All(responses, r => Assert.Equal(200, r.Status));
    }

    public sealed class LimitedFactory : ApiFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["RateLimiting:PermitsPerSecond"] = "1",
            ["RateLimiting:Burst"] = "2",
        };
    }
}
