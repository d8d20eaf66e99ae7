using System.Text.Json;
using Instances.StorageTests.EndToEnd;

namespace Instances.IronicTests;

/// <summary>
/// One test's world: a recording proxy in front of the shared Ironic and our real server binary with
/// <c>Driver:Kind=Ironic</c> pointed at the proxy, on a SQLite file of its own.
/// </summary>
public sealed class IronicScenario : IAsyncDisposable
{
    private static readonly HashSet<string> Transitional =
        ["building", "deleting", "rebuilding", "powering-on", "powering-off", "soft-powering-off", "rebooting", "soft-rebooting"];

    private readonly string _dir = Directory.CreateTempSubdirectory("instances-ironic-server-").FullName;

    private IronicScenario(IronicFixture ironic, IronicProxy proxy)
    {
        Ironic = ironic;
        Proxy = proxy;
        var settings = ServerProcess.FastSettings("Sqlite", $"Data Source={Path.Combine(_dir, "instances.db")}");
        settings["Driver:Kind"] = "Ironic";
        settings["Driver:Ironic:Endpoint"] = proxy.Url.ToString();
        settings["Driver:Ironic:PollInterval"] = "00:00:00.100";
        settings["Driver:Ironic:RetryDelay"] = "00:00:00.050";
        settings["Instances:AvailabilityZones:0"] = IronicFixture.ZoneA;
        settings["Instances:AvailabilityZones:1"] = IronicFixture.ZoneB;
        Server = new ServerProcess(settings);
    }

    public IronicFixture Ironic { get; }

    public IronicProxy Proxy { get; }

    public ServerProcess Server { get; }

    public RestClient Api => Server.Client;

    public static async Task<IronicScenario> StartAsync(IronicFixture ironic)
    {
        Skip.If(ironic.Unavailable is not null, ironic.Unavailable);
        var scenario = new IronicScenario(ironic, await IronicProxy.StartAsync(ironic.Endpoint));
        await scenario.Server.StartAsync();
        return scenario;
    }

    /// <summary>A public type; its extra specs may name the resource class.</summary>
    public async Task<string> CreateTypeAsync(Dictionary<string, string>? extraSpecs = null)
    {
        var response = await Api.PostAsync("/v1/types", new { name = $"bm-{Guid.NewGuid():N}", is_public = true, extra_specs = extraSpecs ?? [] });
        Assert.True(response.Status == 201, response.ToString());
        return response.Json.GetProperty("uuid").GetString()!;
    }

    public async Task<string> CreateInstanceAsync(string type, string zone)
    {
        var response = await Api.PostAsync("/v1/instances", new
        {
            name = $"ironic-{Guid.NewGuid():N}"[..20],
            instance_type_uuid = type,
            image_uuid = Guid.NewGuid(),
            availability_zone = zone,
            networks = new[] { new { uuid = Guid.NewGuid() } },
        });
        Assert.True(response.Status == 201, response.ToString());
        return response.Json.GetProperty("uuid").GetString()!;
    }

    /// <summary>The instance once no operation runs on it any more (status settled, no power target).</summary>
    public Task<JsonElement> SettledAsync(string instance, TimeSpan? within = null) => Eventually.MatchAsync(
        async () => (await Api.GetAsync($"/v1/instances/{instance}")).Json,
        body => !Transitional.Contains(body.GetProperty("status").GetString()!)
            && body.GetProperty("target_power_state").ValueKind == JsonValueKind.Null,
        within ?? TimeSpan.FromSeconds(60));

    /// <summary>Creates an instance in the zone, waits for it to be active, and returns it with the Ironic node it holds.</summary>
    public async Task<(string Instance, string Node)> CreateActiveAsync(string zone)
    {
        var instance = await CreateInstanceAsync(await CreateTypeAsync(), zone);
        var active = await SettledAsync(instance);
        Assert.True(active.GetProperty("status").GetString() == "active", active.ToString());
        return (instance, active.GetProperty("node_uuid").GetString()!);
    }

    /// <summary>Sends a power target and waits for the instance to settle.</summary>
    public async Task<JsonElement> PowerAsync(string instance, string target)
    {
        var accepted = await Api.PutAsync($"/v1/instances/{instance}/states/power", new { target });
        Assert.True(accepted.Status == 202, accepted.ToString());
        return await SettledAsync(instance);
    }

    /// <summary>Ironic's node once its power transition is over.</summary>
    public Task<JsonElement> IronicNodeSettledAsync(string node) => Eventually.MatchAsync(
        () => Ironic.NodeAsync(node),
        n => n.GetProperty("target_power_state").ValueKind == JsonValueKind.Null && n.GetProperty("target_provision_state").ValueKind == JsonValueKind.Null,
        TimeSpan.FromSeconds(60));

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Proxy.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
