using Instances.Server.Observability;

namespace Instances.Server.Http;

/// <summary>
/// Gives every request an OpenStack request id (API.md §2), returned on every response and carried
/// by every log line of the request (with <c>InstanceId</c> when the route names one).
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

        // Routing ran already (WebApplication puts it first): a request about one instance names it on every line too.
        var scope = new LogScope { ["OpenStackRequestId"] = id };
        if (context.GetRouteValue("uuid") is string instance)
        {
            scope["InstanceId"] = instance;
        }

        using (logger.BeginScope(scope))
        {
            await next(context);
        }
    }
}
