using Instances.HttpTests.Infrastructure;

namespace Instances.HttpTests;

[Collection(ApiCollection.Name)]
public class HealthTests(ApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task LivenessAnswersWithoutCheckingAnything()
    {
        var response = await _api.GetAsync("/health/live");

        Assert.Equal(200, response.Status);
        Assert.Equal("healthy", response.Json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ReadinessReportsTheClusterMemberAndTheStorage()
    {
        var response = await _api.GetAsync("/health/ready");

        Assert.Equal(200, response.Status);
        Assert.Equal("healthy", response.Json.GetProperty("status").GetString());
        var checks = response.Json.GetProperty("checks");
        Assert.Equal("active cluster member", checks.GetProperty("cluster").GetProperty("description").GetString());
        Assert.Equal("memory storage", checks.GetProperty("database").GetProperty("description").GetString());
    }
}
