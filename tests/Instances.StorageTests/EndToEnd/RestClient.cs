using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Instances.StorageTests.EndToEnd;

/// <summary>A small JSON client for the server process (no identity headers: the local admin).</summary>
public sealed class RestClient(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public Task<RestResponse> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<RestResponse> PostAsync(string path, object body) => SendAsync(HttpMethod.Post, path, body);

    public Task<RestResponse> PutAsync(string path, object body) => SendAsync(HttpMethod.Put, path, body);

    public Task<RestResponse> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null);

    public async Task<string> CreateTypeAsync()
    {
        var response = await PostAsync("/v1/types", new { name = $"type-{Guid.NewGuid():N}", is_public = true });
        Assert.True(response.Status == 201, response.ToString());
        return response.Json.GetProperty("uuid").GetString()!;
    }

    public async Task<string> CreateInstanceAsync(string type, string name)
    {
        var response = await PostAsync("/v1/instances", new
        {
            name,
            instance_type_uuid = type,
            image_uuid = Guid.NewGuid(),
            networks = new[] { new { uuid = Guid.NewGuid() } },
        });
        Assert.True(response.Status == 201, response.ToString());
        return response.Json.GetProperty("uuid").GetString()!;
    }

    /// <summary>A type and <paramref name="count"/> instances of it, named <c>{prefix}-0</c>…; their UUIDs.</summary>
    public async Task<List<string>> CreateInstancesAsync(int count, string prefix)
    {
        var type = await CreateTypeAsync();
        var uuids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            uuids.Add(await CreateInstanceAsync(type, $"{prefix}-{i}"));
        }

        return uuids;
    }

    /// <summary>The state summary of one instance.</summary>
    public async Task<JsonElement> StatesAsync(string uuid)
    {
        var response = await GetAsync($"/v1/instances/{uuid}/states");
        Assert.True(response.Status == 200, response.ToString());
        return response.Json;
    }

    public async Task<RestResponse> SendAsync(HttpMethod method, string path, object? body, string? bearer = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var headers = response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        return new RestResponse((int)response.StatusCode, text, headers);
    }

    public void Dispose() => _http.Dispose();
}

public sealed record RestResponse(int Status, string Text, IReadOnlyDictionary<string, string> Headers)
{
    public JsonElement Json => JsonDocument.Parse(Text).RootElement;

    public override string ToString() => $"{Status} {Text}";
}
