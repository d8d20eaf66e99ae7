using System.Net.Http.Headers;
using System.Text.Json;

namespace Instances.Client;

/// <summary>
/// A typed client of the Instances REST API. Every error answer becomes an
/// <see cref="InstancesApiException"/>; 503 and 429 are retried per <see cref="RetryRules"/>.
/// Thread-safe: share one per base address.
/// </summary>
public sealed partial class InstancesClient : IDisposable
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string RequestIdHeader = "x-openstack-request-id";

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly InstancesClientOptions _options;

    /// <summary>A client with its own connection pool and retry handler.</summary>
    public InstancesClient(Uri baseAddress, InstancesClientOptions? options = null)
    {
        _options = options ?? new InstancesClientOptions();
        var sockets = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), MaxConnectionsPerServer = int.MaxValue };
        _http = new HttpClient(CreateHandler(_options, sockets)) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
        _ownsHttp = true;
    }

    /// <summary>A client on a caller's <see cref="HttpClient"/> (its BaseAddress set); add <see cref="CreateHandler"/> to it for retries.</summary>
    public InstancesClient(HttpClient http, InstancesClientOptions? options = null)
    {
        _http = http;
        _options = options ?? new InstancesClientOptions();
    }

    public Uri? BaseAddress => _http.BaseAddress;

    /// <summary>The retry handler of <paramref name="options"/> in front of <paramref name="inner"/>.</summary>
    public static DelegatingHandler CreateHandler(InstancesClientOptions options, HttpMessageHandler inner) =>
        new RetryAfterHandler(options.Retry, options.OnRetry) { InnerHandler = inner };

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, object? body, CancellationToken cancellationToken, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), ClientJson.Options));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add(IdempotencyKeyHeader, idempotencyKey);
        }

        AddIdentity(request.Headers);
        var response = await _http.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ProblemReader.ReadAsync(response, cancellationToken);
        }
    }

    private async Task<T> ReadAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken, string? idempotencyKey = null)
    {
        using var response = await SendAsync(method, path, body, cancellationToken, idempotencyKey);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonSerializer.DeserializeAsync<T>(stream, ClientJson.Options, cancellationToken)
            ?? throw new InstancesApiException($"{method} {path} answered an empty body.");
    }

    private async Task<Models.Accepted> AcceptAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(method, path, body, cancellationToken);
        var requestId = response.Headers.TryGetValues(RequestIdHeader, out var ids) ? ids.FirstOrDefault() : null;
        return new Models.Accepted(response.Headers.Location, requestId);
    }

    private void AddIdentity(HttpRequestHeaders headers)
    {
        if (_options.BearerToken is { } token)
        {
            headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (_options.ProjectId is { } project)
        {
            headers.Add("X-Project-Id", project);
        }

        if (_options.UserId is { } user)
        {
            headers.Add("X-User-Id", user);
        }

        if (_options.Roles is { } roles)
        {
            headers.Add("X-Roles", roles);
        }
    }

    private static string Id(Guid id) => id.ToString("D");
}
