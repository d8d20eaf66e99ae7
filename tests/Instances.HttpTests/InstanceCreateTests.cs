using System.Text.Json;
using Instances.HttpTests.Infrastructure;

namespace Instances.HttpTests;

[Collection(ApiCollection.Name)]
public sealed class InstanceCreateTests(ApiFactory factory)
{
    private readonly Api _api = new(factory.CreateClient());

    [Fact]
    public async Task CreateAnswers201WithLocationEqualToTheSelfLinkAndABuildingInstance()
    {
        var type = await _api.CreateTypeAsync();
        var body = Scenario.InstanceBody(type, "web-1", "zone-b");

        var response = await _api.PostAsync("/v1/instances", body);

        Assert.Equal(201, response.Status);
        var instance = response.Json;
        var uuid = instance.GetProperty("uuid").GetString()!;
        Assert.Equal(Guid.Parse(uuid).ToString("D"), uuid);
        Assert.Equal($"http://localhost/v1/instances/{uuid}", response.Header("Location"));
        Assert.Equal(response.Header("Location"), instance.GetProperty("links")[0].GetProperty("href").GetString());
        Assert.Equal("self", instance.GetProperty("links")[0].GetProperty("rel").GetString());
        Assert.Equal($"http://localhost/instances/{uuid}", instance.GetProperty("links")[1].GetProperty("href").GetString());
        Assert.Equal("bookmark", instance.GetProperty("links")[1].GetProperty("rel").GetString());
        Assert.Equal("building", instance.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, instance.GetProperty("power_state").ValueKind);
        Assert.Equal(JsonValueKind.Object, instance.GetProperty("network_info").ValueKind);
        Assert.Empty(instance.GetProperty("network_info").EnumerateObject());
        Assert.Equal("web-1", instance.GetProperty("name").GetString());
        Assert.Equal("zone-b", instance.GetProperty("availability_zone").GetString());
        Assert.Equal(type, instance.GetProperty("instance_type_uuid").GetString());
        Assert.Equal("admin", instance.GetProperty("project_id").GetString());
        Assert.Equal("test", instance.GetProperty("extra").GetProperty("role").GetString());
        Assert.False(instance.GetProperty("locked").GetBoolean());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$", instance.GetProperty("created_at").GetString());
        Assert.Equal(JsonValueKind.Null, instance.GetProperty("launched_at").ValueKind);
    }

    [Fact]
    public async Task ABuiltInstanceIsActiveAndPoweredOnWithOnePortPerNetwork()
    {
        var type = await _api.CreateTypeAsync();
        var uuid = (await _api.CreateInstanceAsync(type)).GetProperty("uuid").GetString()!;

        var instance = await _api.WaitForStatusAsync(uuid, "active");

        Assert.Equal("power on", instance.GetProperty("power_state").GetString());
        Assert.Equal(JsonValueKind.Null, instance.GetProperty("target_power_state").ValueKind);
        Assert.Equal(JsonValueKind.String, instance.GetProperty("launched_at").ValueKind);
        var port = Assert.Single(instance.GetProperty("network_info").EnumerateObject());
        Assert.True(Guid.TryParse(port.Name, out _));
        Assert.Matches("^([0-9a-f]{2}:){5}[0-9a-f]{2}$", port.Value.GetProperty("mac_address").GetString());
        Assert.Equal("normal", port.Value.GetProperty("port_type").GetString());
        Assert.True(Guid.TryParse(port.Value.GetProperty("network").GetString(), out _));
        var ip = Assert.Single(port.Value.GetProperty("fixed_ips").EnumerateArray());
        Assert.False(string.IsNullOrEmpty(ip.GetProperty("ip_address").GetString()));
        Assert.True(Guid.TryParse(ip.GetProperty("subnet_id").GetString(), out _));
    }

    [Fact]
    public async Task ANewInstanceAppearsInTheListAtOnce()
    {
        var type = await _api.CreateTypeAsync();
        var uuid = (await _api.CreateInstanceAsync(type)).GetProperty("uuid").GetString()!;

        var list = await _api.GetAsync($"/v1/instances?instance_type_uuid={type}");

        Assert.Contains(uuid, list.Json.GetProperty("instances").EnumerateArray().Select(i => i.GetProperty("uuid").GetString()));
    }

    [Fact]
    public async Task TheZoneDefaultsToTheConfiguredDefaultAndNetIdIsASynonymOfUuid()
    {
        var type = await _api.CreateTypeAsync();
        var network = Guid.NewGuid().ToString().ToUpperInvariant();

        var response = await _api.PostAsync("/v1/instances", new
        {
            name = "n",
            instance_type_uuid = type.ToUpperInvariant(),
            image_uuid = Guid.NewGuid().ToString(),
            networks = new[] { new { net_id = network } },
        });

        Assert.Equal(201, response.Status);
        Assert.Equal("zone-a", response.Json.GetProperty("availability_zone").GetString());
        Assert.Equal(type, response.Json.GetProperty("instance_type_uuid").GetString());
        Assert.Equal(JsonValueKind.Null, response.Json.GetProperty("description").ValueKind);
    }

    [Fact]
    public async Task AnUnknownTypeIs400InstanceTypeNotFound()
    {
        var missing = Guid.NewGuid().ToString();

        var response = await _api.PostAsync("/v1/instances", Scenario.InstanceBody(missing, zone: "zone-a"));

        ProblemAssert.Is(response, 400, $"InstanceType {missing} could not be found", "instance_type_uuid");
    }

    [Fact]
    public async Task AMemberCannotCreateWithANonPublicTypeWhileAnAdminCan()
    {
        var type = await _api.CreateTypeAsync(isPublic: false);

        var member = await _api.As(Identity.Member("p-private")).PostAsync("/v1/instances", Scenario.InstanceBody(type, zone: "zone-a"));
        var admin = await _api.PostAsync("/v1/instances", Scenario.InstanceBody(type, zone: "zone-a"));

        ProblemAssert.Is(member, 400, $"InstanceType {type} could not be found");
        Assert.Equal(201, admin.Status);
    }

    [Fact]
    public async Task TheBookmarkFormCreatesToo()
    {
        var type = await _api.CreateTypeAsync();

        var response = await _api.PostAsync("/instances", Scenario.InstanceBody(type, zone: "zone-a"));

        Assert.Equal(201, response.Status);
        Assert.StartsWith("http://localhost/v1/instances/", response.Header("Location"), StringComparison.Ordinal);
    }
}
