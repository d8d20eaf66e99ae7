using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Instances.Server.Security;

/// <summary>
/// A 401 like every other error: problem+json with the request id, plus the
/// <c>WWW-Authenticate: Bearer</c> header (RFC 6750) that says what was wrong with the token.
/// </summary>
internal static class BearerChallenge
{
    public static async Task WriteAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var http = context.HttpContext;
        var header = "Bearer";
        if (!string.IsNullOrEmpty(context.Error))
        {
            header += $" error=\"{context.Error}\"";
            if (!string.IsNullOrEmpty(context.ErrorDescription))
            {
                header += $", error_description=\"{context.ErrorDescription.Replace("\"", "'", StringComparison.Ordinal)}\"";
            }
        }

        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        http.Response.Headers.WWWAuthenticate = header;
        var detail = context.AuthenticateFailure is null
            ? "This request needs a bearer token (Authorization: Bearer <token>)."
            : "The bearer token was refused: " + (context.ErrorDescription ?? context.AuthenticateFailure.Message);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = StatusCodes.Status401Unauthorized, Detail = detail },
        });
    }
}
