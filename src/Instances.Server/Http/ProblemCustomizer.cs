using System.Text.Json;
using System.Text.Json.Serialization;

namespace Instances.Server.Http;

/// <summary>
/// The one place every 4xx/5xx body is finished (API.md §2): the request id, and the original service's
/// <c>error_message</c> for clients that still parse it.
/// </summary>
public static class ProblemCustomizer
{
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Status = status;
        problem.Detail ??= DefaultDetail(context.HttpContext, status, problem.Title);
        problem.Extensions.Remove("traceId");
        problem.Extensions["request_id"] = context.HttpContext.TraceIdentifier;

        // A string holding JSON, not an object: that is what the original service sent.
        var fault = new ErrorMessage(status >= 500 ? "Server" : "Client", problem.Detail, null);
        problem.Extensions["error_message"] = JsonSerializer.Serialize(fault, WireJson.Response);
    }

    private static string DefaultDetail(HttpContext context, int status, string? title) => status switch
    {
        StatusCodes.Status404NotFound => $"The resource {context.Request.Path} could not be found.",
        StatusCodes.Status405MethodNotAllowed => $"Method {context.Request.Method} is not allowed on {context.Request.Path}.",
        >= 500 => "The server failed to handle the request.",
        _ => title ?? "The request failed.",
    };
}

/// <summary>The original service's error string.</summary>
public sealed record ErrorMessage(
    [property: JsonPropertyName("faultcode")] string FaultCode,
    [property: JsonPropertyName("faultstring")] string FaultString,
    [property: JsonPropertyName("debuginfo")] string? DebugInfo);
