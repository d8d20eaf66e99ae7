using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Instances.IronicTests;

/// <summary>
/// A reverse proxy on loopback between our server and the real Ironic: records every request, can
/// answer the next power requests with Ironic-shaped 409 NodeLocked / 503 bodies instead of
/// forwarding them, and can hold the answer of a forwarded power request (Ironic acted, our server
/// has not heard) so that a kill lands mid-transition.
/// </summary>
public sealed class IronicProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _ironic;
    private readonly ConcurrentQueue<HttpStatusCode> _faults = new();
    private readonly ConcurrentQueue<ProxiedRequest> _seen = new();
    private TaskCompletionSource? _hold;

    private IronicProxy(Uri ironic)
    {
        _ironic = new HttpClient { BaseAddress = ironic };
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Run(ForwardAsync);
    }

    public Uri Url { get; private set; } = null!;

    /// <summary>Every request seen, in order, with the status our server got.</summary>
    public IReadOnlyList<ProxiedRequest> Seen => [.. _seen];

    /// <summary>How many power requests went in response to (any status) for the node.</summary>
    public IReadOnlyList<ProxiedRequest> PowerRequests(string node) =>
        Seen.Where(r => r.Method == "PUT" && r.Path == $"/v1/nodes/{node}/states/power").ToList();

    public static async Task<IronicProxy> StartAsync(Uri ironic)
    {
        var proxy = new IronicProxy(ironic);
        await proxy._app.StartAsync();
        var address = proxy._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        proxy.Url = new Uri(address);
        return proxy;
    }

    /// <summary>The next power requests are answered with these statuses, in order, without reaching Ironic.</summary>
    public void FailNextPowerRequests(params HttpStatusCode[] statuses)
    {
        foreach (var status in statuses)
        {
            _faults.Enqueue(status);
        }
    }

    /// <summary>Power requests are forwarded, but their answers wait until <see cref="Release"/>.</summary>
    public void HoldPowerAnswers() => _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => Interlocked.Exchange(ref _hold, null)?.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _ironic.Dispose();
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var request = context.Request;
        var isPower = request.Method == "PUT" && request.Path.Value!.EndsWith("/states/power", StringComparison.Ordinal);
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        if (isPower && _faults.TryDequeue(out var fault))
        {
            _seen.Enqueue(new ProxiedRequest(request.Method, request.Path.Value!, body, (int)fault));
            await WriteFaultAsync(context, fault, request.Path.Value!);
            return;
        }

        using var forward = new HttpRequestMessage(new HttpMethod(request.Method), request.Path.Value + request.QueryString.Value);
        if (request.Headers.TryGetValue("X-OpenStack-Ironic-API-Version", out var version))
        {
            forward.Headers.Add("X-OpenStack-Ironic-API-Version", version.ToString());
        }

        if (body.Length > 0)
        {
            forward.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var answer = await _ironic.SendAsync(forward);
        var text = await answer.Content.ReadAsStringAsync();
        _seen.Enqueue(new ProxiedRequest(request.Method, request.Path.Value!, body, (int)answer.StatusCode));
        if (isPower && _hold is { } hold)
        {
            await hold.Task;
        }

        context.Response.StatusCode = (int)answer.StatusCode;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(text);
    }

    /// <summary>Ironic's own error shape: <c>error_message</c> is a string holding the fault as JSON.</summary>
    private static Task WriteFaultAsync(HttpContext context, HttpStatusCode status, string path)
    {
        var node = path.Split('/')[3];
        var fault = status == HttpStatusCode.Conflict
            ? $"Node {node} is locked by host instances-ironic, please retry after the current operation is completed."
            : "No free conductor workers available";
        var inner = System.Text.Json.JsonSerializer.Serialize(new { faultcode = status == HttpStatusCode.Conflict ? "Client" : "Server", faultstring = fault, debuginfo = (string?)null });
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(System.Text.Json.JsonSerializer.Serialize(new { error_message = inner }));
    }
}
