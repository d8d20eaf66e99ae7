using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Instances.HttpTests.Infrastructure;

/// <summary>A thin client over the test host: raw requests in, status + headers + parsed JSON out.</summary>
public sealed class Api(HttpClient http, Identity identity)
{
    public Api(HttpClient http) : this(http, Identity.Default)
    {
    }

    public HttpClient Http => http;

    public Identity Identity => identity;

    public Api As(Identity other) => new(http, other);

    public Task<ApiResponse> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<ApiResponse> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path);

    public Task<ApiResponse> PostAsync(string path, object body) => SendAsync(HttpMethod.Post, path, Json(body));

    public Task<ApiResponse> PutAsync(string path, object body) => SendAsync(HttpMethod.Put, path, Json(body));

    public Task<ApiResponse> PatchAsync(string path, object body) => SendAsync(HttpMethod.Patch, path, Json(body));

    public async Task<ApiResponse> SendAsync(
        HttpMethod method, string path, string? body = null, string? contentType = "application/json", Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, path);
        identity.Apply(request);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
        }

        configure?.Invoke(request);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new ApiResponse((int)response.StatusCode, response.Headers, response.Content.Headers, text);
    }

    public static string Json(object body) => body as string ?? JsonSerializer.Serialize(body);
}

/// <summary>What came back.</summary>
public sealed record ApiResponse(int Status, HttpResponseHeaders Headers, HttpContentHeaders ContentHeaders, string Text)
{
    public JsonElement Json => JsonDocument.Parse(Text).RootElement;

    public string? Header(string name) =>
        Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : ContentHeaders.TryGetValues(name, out var content) ? string.Join(",", content) : null;

    public string? MediaType => ContentHeaders.ContentType?.MediaType;

    public override string ToString() => $"{Status} {Text}";
}
