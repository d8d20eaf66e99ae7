using Instances.Server.Security;

namespace Instances.Server.Http;

/// <summary>
/// Admin-only for endpoints that take no endpoint filters (the dashboard's, the metrics scrape): a guard
/// in front of every request under a path. Anyone else gets 403 (in JWT mode an anonymous request is
/// challenged before, 401, by the fallback policy).
/// </summary>
public static class AdminOnlyPaths
{
    public static WebApplication UseAdminOnlyPath(this WebApplication app, string path, string detail)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments(path, StringComparison.OrdinalIgnoreCase), branch => branch.Use(async (context, next) =>
        {
            if (context.Features.Get<CallerFeature>()?.Caller is { IsAdmin: true })
            {
                await next(context);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = StatusCodes.Status403Forbidden, Detail = detail },
            });
        }));
        return app;
    }
}
