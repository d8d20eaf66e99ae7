using System.Text.Json;

namespace Instances.IronicTests;

/// <summary>The whole life of an instance through our REST API, checked against Ironic's own API.</summary>
[Collection(IronicCollection.Name)]
public sealed class LifecycleTests(IronicFixture ironic)
{
    [SkippableFact]
    public async Task Create_power_and_delete_drive_a_real_Ironic_node()
    {
        await using var scenario = await IronicScenario.StartAsync(ironic);
        var type = await scenario.CreateTypeAsync(new() { ["resource_class"] = "baremetal" });
        var instance = await scenario.CreateInstanceAsync(type, IronicFixture.ZoneA);

        var active = await scenario.SettledAsync(instance);
        Assert.Equal("active", active.GetProperty("status").GetString());
        Assert.Equal("power on", active.GetProperty("power_state").GetString());
        var node = active.GetProperty("node_uuid").GetString()!;
        var deployed = await ironic.NodeAsync(node);
        Assert.Equal("active", deployed.GetProperty("provision_state").GetString());
        Assert.Equal("power on", deployed.GetProperty("power_state").GetString());
        Assert.Equal(instance, deployed.GetProperty("instance_uuid").GetString());
        var allocation = await ironic.AllocationAsync(instance);
        Assert.Equal("active", allocation?.GetProperty("state").GetString());
        Assert.Equal(node, allocation?.GetProperty("node_uuid").GetString());
        Assert.Contains("CUSTOM_AZ_ZONE_A", deployed.GetProperty("traits").EnumerateArray().Select(t => t.GetString()));

        Assert.Equal("stopped", (await scenario.PowerAsync(instance, "off")).GetProperty("status").GetString());
        Assert.Equal("power off", (await scenario.IronicNodeSettledAsync(node)).GetProperty("power_state").GetString());
        Assert.Equal("active", (await scenario.PowerAsync(instance, "on")).GetProperty("status").GetString());
        Assert.Equal("power on", (await scenario.IronicNodeSettledAsync(node)).GetProperty("power_state").GetString());
        Assert.Equal("active", (await scenario.PowerAsync(instance, "reboot")).GetProperty("status").GetString());
        Assert.Equal("power on", (await scenario.IronicNodeSettledAsync(node)).GetProperty("power_state").GetString());
        Assert.Equal(["power on", "power off", "power on", "rebooting"], scenario.Proxy.PowerRequests(node).Select(Target));

        Assert.Equal(204, (await scenario.Api.DeleteAsync($"/v1/instances/{instance}")).Status);
        await Eventually.MatchAsync(async () => (await scenario.Api.GetAsync($"/v1/instances/{instance}")).Status, status => status == 404, TimeSpan.FromSeconds(60));
        var released = await scenario.IronicNodeSettledAsync(node);
        Assert.Equal("available", released.GetProperty("provision_state").GetString());
        Assert.Equal("power off", released.GetProperty("power_state").GetString());
        Assert.Equal(JsonValueKind.Null, released.GetProperty("instance_uuid").ValueKind);
        Assert.Null(await ironic.AllocationAsync(instance));
    }

    [SkippableFact]
    public async Task A_zone_without_a_free_node_fails_the_build_with_no_valid_host()
    {
        await using var scenario = await IronicScenario.StartAsync(ironic);
        var type = await scenario.CreateTypeAsync();
        var first = await scenario.CreateInstanceAsync(type, IronicFixture.ZoneB);
        Assert.Equal("active", (await scenario.SettledAsync(first)).GetProperty("status").GetString());

        var second = await scenario.CreateInstanceAsync(type, IronicFixture.ZoneB);
        var failed = await scenario.SettledAsync(second);

        Assert.Equal("error", failed.GetProperty("status").GetString());
        Assert.StartsWith("No valid host was found", failed.GetProperty("fault").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Null(await ironic.AllocationAsync(second));
        foreach (var instance in new[] { first, second })
        {
            await scenario.Api.DeleteAsync($"/v1/instances/{instance}");
            await Eventually.MatchAsync(async () => (await scenario.Api.GetAsync($"/v1/instances/{instance}")).Status, status => status == 404, TimeSpan.FromSeconds(60));
        }
    }

    private static string? Target(ProxiedRequest request) => JsonDocument.Parse(request.Body).RootElement.GetProperty("target").GetString();
}
