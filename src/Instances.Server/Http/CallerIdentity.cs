using Instances.Abstractions;

namespace Instances.Server.Http;

/// <summary>
/// The noauth identity of API.md §3: the headers an authenticating proxy (Keystone middleware) sets.
/// Each absent header means <c>admin</c>, so a bare embedded install is fully usable.
/// </summary>
public static class CallerIdentity
{
    public const string ProjectHeader = "X-Project-Id";
    public const string UserHeader = "X-User-Id";
    public const string RolesHeader = "X-Roles";
    public const string AdminRole = "admin";

    public static Caller GetCaller(this HttpContext context)
    {
        var headers = context.Request.Headers;
        var project = HeaderOr(headers, ProjectHeader, AdminRole);
        var user = HeaderOr(headers, UserHeader, AdminRole);
        var isAdmin = !headers.ContainsKey(RolesHeader)
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
