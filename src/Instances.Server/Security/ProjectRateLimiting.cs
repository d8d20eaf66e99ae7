using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;

namespace Instances.Server.Security;

/// <summary>
/// Per-project rate limiting (<c>RateLimiting:PermitsPerSecond</c>, off by default): a token bucket
/// per caller project, so one busy tenant cannot starve the rest. Over the limit → 429 problem+json
/// with <c>Retry-After</c>. Anonymous endpoints (version discovery, health) are not limited.
/// </summary>
public static class ProjectRateLimiting
{
    public const string Section = "RateLimiting";

    public static IServiceCollection AddProjectRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var perSecond = section.GetValue("PermitsPerSecond", 0);
        if (perSecond <= 0)
        {
            return services;
        }

        var burst = Math.Max(1, section.GetValue("Burst", perSecond * 2));
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.Features.Get<CallerFeature>() is { } caller && context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is null
                    ? RateLimitPartition.GetTokenBucketLimiter(caller.Caller.ProjectId, _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = burst,
                        TokensPerPeriod = perSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    })
                    : RateLimitPartition.GetNoLimiter(""));
            options.OnRejected = RejectAsync;
        });
        return services;
    }

    public static WebApplication UseProjectRateLimiting(this WebApplication app)
    {
        if (app.Configuration.GetSection(Section).GetValue("PermitsPerSecond", 0) > 0)
        {
            app.UseRateLimiter();
        }

        return app;
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Detail = $"Too many requests for this project; retry after {seconds} s.",
            },
        });
    }
}
