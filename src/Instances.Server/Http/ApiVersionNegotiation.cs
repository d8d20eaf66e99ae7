using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Instances.Server.Http;

/// <summary>
/// Content negotiation of API.md §2: JSON only, one microversion. Runs before routing decisions matter,
/// so a bad Accept gets 406 on any path.
/// </summary>
public sealed class ApiVersionNegotiation(RequestDelegate next)
{
    public const string VersionHeader = "OpenStack-API-Version";
    public const string ServiceType = "baremetal-compute";
    public const string CurrentVersion = "1.0";

    private static readonly string[] JsonMediaTypes = ["application/json", "application/problem+json", "application/*", "*/*"];

    /// <summary>The event streams produce only <c>text/event-stream</c> (their errors are problem+json all the same).</summary>
    private static readonly string[] EventStreamMediaTypes = ["text/event-stream", "text/*", "*/*"];

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var response = ((HttpContext)state).Response;
            response.Headers[VersionHeader] = $"{ServiceType} {CurrentVersion}";
            response.Headers.Append(HeaderNames.Vary, VersionHeader);
            return Task.CompletedTask;
        }, context);

        // The Swagger UI and the dashboard are HTML for browsers, the metrics a scraper's text format;
        // negotiation is about the API.
        if (context.Request.Path.StartsWithSegments("/swagger", StringComparison.OrdinalIgnoreCase)
            || context.Request.Path.StartsWithSegments(Hosting.DashboardEndpoints.Path, StringComparison.OrdinalIgnoreCase)
            || context.Request.Path.StartsWithSegments(Observability.TelemetrySettings.MetricsPath, StringComparison.OrdinalIgnoreCase))
        {
            return next(context);
        }

        var problem = CheckVersion(context.Request) ?? (IsEventStream(context.Request.Path)
            ? CheckAccept(context.Request, EventStreamMediaTypes, "text/event-stream")
            : CheckAccept(context.Request, JsonMediaTypes, "application/json"));
        return problem is null ? next(context) : problem.ExecuteAsync(context);
    }

    private static ProblemHttpResult? CheckVersion(HttpRequest request)
    {
        foreach (var value in request.Headers[VersionHeader])
        {
            var parts = (value ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length == 0 || !string.Equals(parts[0], ServiceType, StringComparison.OrdinalIgnoreCase))
            {
                continue; // a microversion for another service is none of our business
            }

            var version = parts.Length == 2 ? parts[1] : "";
            if (version is not (CurrentVersion or "latest"))
            {
                return Problems.Status(StatusCodes.Status406NotAcceptable,
                    $"{VersionHeader} '{value}' is not supported; this service implements {ServiceType} {CurrentVersion} (or 'latest').");
            }
        }

        return null;
    }

    private static bool IsEventStream(PathString path) =>
        path.Value?.TrimEnd('/').EndsWith("/events", StringComparison.OrdinalIgnoreCase) == true;

    private static ProblemHttpResult? CheckAccept(HttpRequest request, string[] produced, string name)
    {
        var accept = request.Headers.Accept;
        if (accept.Count == 0 || accept.All(string.IsNullOrWhiteSpace))
        {
            return null;
        }

        if (MediaTypeHeaderValue.TryParseList(accept, out var values)
            && values.Any(v => (v.Quality ?? 1) > 0 && produced.Any(j => v.MediaType.Equals(j, StringComparison.OrdinalIgnoreCase))))
        {
            return null;
        }

        return Problems.Status(StatusCodes.Status406NotAcceptable,
            $"Accept '{accept}' excludes {name}; this resource only produces {name}.");
    }
}
