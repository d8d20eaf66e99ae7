namespace Instances.Server.Http;

/// <summary>
/// Gives every request an OpenStack request id (API.md §2), returned on every response and carried
/// by every log line of the request.
/// </summary>
public sealed class RequestIdMiddleware(RequestDelegate next, ILogger<RequestIdMiddleware> logger)
{
    public const string Header = "x-openstack-request-id";

    /// <summary>The original service's spelling, kept for its clients.</summary>
    public const string LegacyHeader = "openstack-request-id";

    public async Task InvokeAsync(HttpContext context)
    {
        var id = "req-" + Guid.NewGuid().ToString("D");
        context.TraceIdentifier = id;

        // Set when the response starts, not now: the exception handler clears headers before it writes.
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            http.Response.Headers[Header] = http.TraceIdentifier;
            http.Response.Headers[LegacyHeader] = http.TraceIdentifier;
            return Task.CompletedTask;
        }, context);

        using (logger.BeginScope(new Dictionary<string, object> { ["OpenStackRequestId"] = id }))
        {
            await next(context);
        }
    }
}
