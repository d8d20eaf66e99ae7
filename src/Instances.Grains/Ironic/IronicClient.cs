using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Instances.Grains.Driver;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace Instances.Grains.Ironic;

/// <summary>
/// The calls of Ironic's REST API the driver makes. Every request goes through the retry pipeline
/// (<see cref="IronicRetry"/>); any other failure is a <see cref="DriverException"/> in words.
/// </summary>
public sealed class IronicClient(IHttpClientFactory factory, IOptions<IronicDriverOptions> options, TimeProvider time, ILogger<IronicClient> logger)
{
    public const string HttpClientName = "ironic";

    private readonly ResiliencePipeline<HttpResponseMessage> _retries = IronicRetryPipeline.Build(options.Value, time, logger);

    public async Task<IronicNode> GetNodeAsync(string node, CancellationToken cancellationToken) =>
        (await ReadAsync<IronicNode>(HttpMethod.Get, $"v1/nodes/{node}", null, $"read node {node}", cancellationToken))!;

    /// <summary>Sets <c>/extra/{key}</c> of the node (a JSON patch "add", which also replaces).</summary>
    public Task SetNodeExtraAsync(string node, string key, string value, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Patch, $"v1/nodes/{node}", new[] { new { op = "add", path = $"/extra/{key}", value } }, $"update node {node}", cancellationToken);

    public Task SetImageSourceAsync(string node, string image, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Patch, $"v1/nodes/{node}", new[] { new { op = "add", path = "/instance_info/image_source", value = image } }, $"set the image of node {node}", cancellationToken);

    public Task SetProvisionStateAsync(string node, string target, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"v1/nodes/{node}/states/provision", new { target }, $"move node {node} to '{target}'", cancellationToken);

    public Task SetPowerStateAsync(string node, string target, int? timeoutSeconds, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"v1/nodes/{node}/states/power", new { target, timeout = timeoutSeconds }, $"set node {node} to '{target}'", cancellationToken);

    /// <summary>The allocation with this UUID or name; null when there is none.</summary>
    public Task<IronicAllocation?> FindAllocationAsync(Guid id, CancellationToken cancellationToken) =>
        ReadAsync<IronicAllocation>(HttpMethod.Get, $"v1/allocations/{id:D}", null, $"read allocation {id:D}", cancellationToken, notFoundIsNull: true);

    /// <summary>
    /// Asks for a node: the allocation's UUID and name are the instance's, so a second request for
    /// the same instance (a retry, a resumed build) is Ironic's 409 "already exists"; false then.
    /// </summary>
    public async Task<bool> CreateAllocationAsync(Guid id, string resourceClass, string trait, CancellationToken cancellationToken)
    {
        var body = new { uuid = id.ToString("D"), name = id.ToString("D"), resource_class = resourceClass, traits = new[] { trait } };
        using var response = await ExchangeAsync(HttpMethod.Post, "v1/allocations", body, "claim a node", cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }

        await EnsureSuccessAsync(response, "claim a node", cancellationToken);
        return true;
    }

    /// <summary>Deletes the allocation; one that is already gone (Ironic drops it on teardown) is fine.</summary>
    public async Task DeleteAllocationAsync(Guid id, CancellationToken cancellationToken)
    {
        using var response = await ExchangeAsync(HttpMethod.Delete, $"v1/allocations/{id:D}", null, $"release allocation {id:D}", cancellationToken);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            await EnsureSuccessAsync(response, $"release allocation {id:D}", cancellationToken);
        }
    }

    private async Task<T?> ReadAsync<T>(HttpMethod method, string path, object? body, string what, CancellationToken cancellationToken, bool notFoundIsNull = false)
        where T : class
    {
        using var response = await ExchangeAsync(method, path, body, what, cancellationToken);
        if (notFoundIsNull && response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, what, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(IronicJson.Options, cancellationToken)
            ?? throw new DriverException($"Ironic could not {what}: it answered an empty body.");
    }

    private async Task SendAsync(HttpMethod method, string path, object? body, string what, CancellationToken cancellationToken)
    {
        using var response = await ExchangeAsync(method, path, body, what, cancellationToken);
        await EnsureSuccessAsync(response, what, cancellationToken);
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new DriverException(IronicErrors.Describe(what, response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken)));
        }
    }

    /// <summary>One request, retried as <see cref="IronicRetry"/> says; the last answer whatever its status.</summary>
    private async Task<HttpResponseMessage> ExchangeAsync(HttpMethod method, string path, object? body, string what, CancellationToken cancellationToken)
    {
        var http = factory.CreateClient(HttpClientName);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(IronicRetryPipeline.MethodKey, method);
        try
        {
            return await _retries.ExecuteAsync(
                async ctx =>
                {
                    using var request = new HttpRequestMessage(method, path);
                    // Buffered, so it goes with a Content-Length: Ironic's WSGI server reads a chunked body as empty.
                    request.Content = body is null ? null : new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, IronicJson.Options))
                    {
                        Headers = { ContentType = new("application/json") },
                    };
                    return await http.SendAsync(request, ctx.CancellationToken);
                },
                context);
        }
        catch (HttpRequestException unreachable)
        {
            throw new DriverException($"Ironic at {http.BaseAddress} could not be reached to {what}: {unreachable.Message}", unreachable);
        }
        catch (TaskCanceledException timeout) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DriverException($"Ironic at {http.BaseAddress} did not answer within {http.Timeout.TotalSeconds:0.#} s when asked to {what}.", timeout);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
