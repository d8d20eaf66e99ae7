using Instances.Abstractions;

namespace Instances.Server.Http;

/// <summary>
/// The noauth identity of API.md §3 (JWT mode: <see cref="Security.CallerResolution"/>): the headers an authenticating proxy (Keystone middleware) sets.
/// A request with none of them is the <c>admin</c> project, user and role, so a bare embedded
/// install is fully usable. Once any identity header is present, a missing <c>X-Roles</c> means
/// no roles: a caller that names only its project must not become admin by omission.
/// </summary>
public static class CallerIdentity
{
    public const string ProjectHeader = "X-Project-Id";
    public const string UserHeader = "X-User-Id";
    public const string RolesHeader = "X-Roles";
    public const string AdminRole = "admin";

    /// <summary>The caller <see cref="Security.CallerResolution"/> resolved for this request, with its request id (for the action history).</summary>
    public static Caller GetCaller(this HttpContext context) =>
        (context.Features.Get<Security.CallerFeature>()?.Caller
            ?? throw new InvalidOperationException("No caller was resolved for this request; the endpoint must not be anonymous."))
        with { RequestId = context.TraceIdentifier };

    /// <summary>The noauth identity from the proxy's headers.</summary>
    public static Caller FromHeaders(IHeaderDictionary headers)
    {
        var project = HeaderOr(headers, ProjectHeader, AdminRole);
        var user = HeaderOr(headers, UserHeader, AdminRole);
        var anonymous = !headers.ContainsKey(ProjectHeader) && !headers.ContainsKey(UserHeader) && !headers.ContainsKey(RolesHeader);
        var isAdmin = anonymous
            || headers[RolesHeader].SelectMany(v => (v ?? "").Split(','))
                .Any(role => string.Equals(role.Trim(), AdminRole, StringComparison.OrdinalIgnoreCase));
        return new Caller(project, user, isAdmin);
    }

    private static string HeaderOr(IHeaderDictionary headers, string name, string fallback)
    {
        var value = headers[name].ToString().Trim();
        return value.Length == 0 ? fallback : value;
    }
}
