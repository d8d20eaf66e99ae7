using Instances.HttpTests.Infrastructure;

namespace Instances.HttpTests;

[Collection(ApiCollection.Name)]
public sealed class VersionsTests(ApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task TheRootListsVersionOneAsCurrentAndDefault()
    {
        var response = await _api.GetAsync("/");

        Assert.Equal(200, response.Status);
        var root = response.Json;
        Assert.False(string.IsNullOrEmpty(root.GetProperty("name").GetString()));
        Assert.False(string.IsNullOrEmpty(root.GetProperty("description").GetString()));
        var version = Assert.Single(root.GetProperty("versions").EnumerateArray());
        Assert.Equal("v1", version.GetProperty("id").GetString());
        Assert.Equal("CURRENT", version.GetProperty("status").GetString());
        Assert.Equal("1.0", version.GetProperty("min_version").GetString());
        Assert.Equal("1.0", version.GetProperty("version").GetString());
        Assert.Equal("http://localhost/v1", version.GetProperty("links")[0].GetProperty("href").GetString());
        Assert.Equal(version.ToString(), root.GetProperty("default_version").ToString());
    }

    [Fact]
    public async Task VersionOneLinksToEachResourceCollection()
    {
        var response = await _api.GetAsync("/v1");

        Assert.Equal(200, response.Status);
        var v1 = response.Json;
        Assert.Equal("v1", v1.GetProperty("id").GetString());
        Assert.Equal("http://localhost/v1", v1.GetProperty("links")[0].GetProperty("href").GetString());
        Assert.Equal("http://localhost/v1/instances", v1.GetProperty("instances")[0].GetProperty("href").GetString());
        Assert.Equal("http://localhost/instances", v1.GetProperty("instances")[1].GetProperty("href").GetString());
        Assert.Equal("http://localhost/v1/types", v1.GetProperty("types")[0].GetProperty("href").GetString());
        Assert.Equal("http://localhost/v1/availability_zones", v1.GetProperty("availability_zones")[0].GetProperty("href").GetString());
    }

    [Fact]
    public async Task AvailabilityZonesComeFromConfiguration()
    {
        var response = await _api.GetAsync("/v1/availability_zones");

        Assert.Equal(200, response.Status);
        Assert.Equal(["zone-a", "zone-b"], response.Json.GetProperty("availability_zones").EnumerateArray().Select(z => z.GetString()));
    }

    [Fact]
    public async Task SwaggerDescribesTheVersionOneRoutesOnlyWithTheirRequestBodies()
    {
        var ui = await _api.GetAsync("/swagger/index.html");
        var document = await _api.GetAsync("/swagger/v1/swagger.json");

        Assert.Equal(200, ui.Status);
        Assert.Equal(200, document.Status);
        var paths = document.Json.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/v1/instances/{uuid}/states/power", paths);
        Assert.Contains("/v1/types/{uuid}/extraspecs/{key}", paths);
        Assert.DoesNotContain("/instances/{uuid}", paths);
        var create = document.Json.GetProperty("paths").GetProperty("/v1/instances").GetProperty("post");
        Assert.True(create.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
    }

    [Theory]
    [InlineData("/v1/instances/{uuid}/states/lock", "put")]
    [InlineData("/v1/instances/{uuid}/states/provision", "put")]
    [InlineData("/v1/instances/{uuid}/actions", "get")]
    public async Task SwaggerDescribesLockRebuildAndActions(string path, string method)
    {
        var document = await _api.GetAsync("/swagger/v1/swagger.json");

        var operation = document.Json.GetProperty("paths").GetProperty(path).GetProperty(method);
        if (method == "put")
        {
            Assert.True(operation.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        }
    }
}
