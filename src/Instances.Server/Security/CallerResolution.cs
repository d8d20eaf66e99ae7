using System.Security.Claims;
using Instances.Abstractions;
using Instances.Server.Http;

namespace Instances.Server.Security;

/// <summary>
/// Resolves the caller once per request, after authentication, into a feature the endpoints read
/// (<see cref="CallerIdentity.GetCaller"/>). In JWT mode an unauthenticated request has no caller;
/// only anonymous endpoints (versions, health) can be reached that way.
/// </summary>
public sealed class CallerResolution(RequestDelegate next, AuthSettings settings)
{
    public Task InvokeAsync(HttpContext context)
    {
        var caller = settings.Mode == AuthMode.Jwt
            ? FromToken(context.User, settings.Jwt)
            : CallerIdentity.FromHeaders(context.Request.Headers);
        if (caller is not null)
        {
            context.Features.Set(new CallerFeature(caller));
        }

        return next(context);
    }

    private static Caller? FromToken(ClaimsPrincipal user, JwtSettings jwt)
    {
        if (user.Identity?.IsAuthenticated != true || user.FindFirst(jwt.ProjectClaim)?.Value is not { Length: > 0 } project)
        {
            return null;
        }

        // "roles" may be a JSON array (one claim each) or one space/comma separated string.
        var roles = user.FindAll(jwt.RolesClaim).SelectMany(c => c.Value.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var userId = user.FindFirst(jwt.UserClaim)?.Value is { Length: > 0 } sub ? sub : project;
        return new Caller(project, userId, roles.Any(r => string.Equals(r, CallerIdentity.AdminRole, StringComparison.OrdinalIgnoreCase)));
    }
}

/// <summary>The resolved caller of the current request.</summary>
public sealed record CallerFeature(Caller Caller);
