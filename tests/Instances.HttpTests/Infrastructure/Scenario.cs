using System.Text.Json;

namespace Instances.HttpTests.Infrastructure;

/// <summary>Arrange helpers: make types and instances through the API and wait for them to settle.</summary>
public static class Scenario
{
    public static async Task<string> CreateTypeAsync(this Api api, bool isPublic = true, string? name = null)
    {
        var response = await api.As(Identity.Default).PostAsync("/v1/types", new
        {
            name = name ?? $"type-{Guid.NewGuid():N}",
            description = "test type",
            is_public = isPublic,
            extra_specs = new Dictionary<string, string> { ["cpu_arch"] = "x86_64" },
        });
        Assert.True(response.Status == 201, response.ToString());
        return response.Json.GetProperty("uuid").GetString()!;
    }

    public static object InstanceBody(string typeUuid, string? name = null, string? zone = null) => new Dictionary<string, object?>
    {
        ["name"] = name ?? $"instance-{Guid.NewGuid():N}",
        ["description"] = "a test instance",
        ["instance_type_uuid"] = typeUuid,
        ["image_uuid"] = Guid.NewGuid().ToString(),
        ["availability_zone"] = zone,
        ["networks"] = new[] { new { uuid = Guid.NewGuid().ToString(), port_type = "normal" } },
        ["extra"] = new Dictionary<string, string> { ["role"] = "test" },
    };

    public static async Task<JsonElement> CreateInstanceAsync(this Api api, string typeUuid, string? name = null)
    {
        var body = (Dictionary<string, object?>)InstanceBody(typeUuid, name);
        body.Remove("availability_zone");
        var response = await api.PostAsync("/v1/instances", body);
        Assert.True(response.Status == 201, response.ToString());
        return response.Json;
    }

    public static async Task<JsonElement> WaitForStatusAsync(this Api api, string uuid, string status, TimeSpan? timeout = null)
    {
        var last = await Eventually.UntilAsync(
            () => api.GetAsync($"/v1/instances/{uuid}"),
            r => r.Status == 200 && r.Json.GetProperty("status").GetString() == status,
            timeout,
            $"instance {uuid} to be {status}");
        return last.Json;
    }

    public static async Task<string> CreateActiveInstanceAsync(this Api api, string typeUuid, string? name = null)
    {
        var uuid = (await api.CreateInstanceAsync(typeUuid, name)).GetProperty("uuid").GetString()!;
        await api.WaitForStatusAsync(uuid, "active");
        return uuid;
    }
}
