using Microsoft.AspNetCore.Diagnostics;

namespace Instances.Server.Http;

/// <summary>
/// Turns the exceptions that reach the top into problem+json without a stack trace: body too large → 413,
/// a cluster or database that cannot take the call (DESIGN.md §6) → 503 with Retry-After, anything else → 500 (logged).
/// </summary>
public sealed partial class ExceptionStatusHandler(IProblemDetailsService problems, ILogger<ExceptionStatusHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            return true; // the client left; nobody to answer
        }

        var (status, detail) = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {JsonBody.MaxBytes} bytes."),
            BadHttpRequestException bad => (bad.StatusCode, "The request could not be read."),
            _ when TransientFailures.IsTransient(exception) =>
                (StatusCodes.Status503ServiceUnavailable, "The service is temporarily unavailable; retry shortly."),
            _ => (StatusCodes.Status500InternalServerError, "The server failed to handle the request."),
        };

        if (status >= 500)
        {
            Failed(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "1";
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = status, Detail = detail },
            Exception = exception,
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {Method} {Path} failed")]
    private static partial void Failed(ILogger logger, Exception exception, string method, PathString path);
}
