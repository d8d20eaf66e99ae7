namespace Instances.HttpTests.Infrastructure;

/// <summary>A noauth identity, sent as the headers an authenticating proxy would set.</summary>
public sealed record Identity(string? ProjectId, string? UserId, string? Roles)
{
    /// <summary>No headers at all: the embedded default, project admin with role admin.</summary>
    public static readonly Identity Default = new(null, null, null);

    public static Identity Member(string project) => new(project, $"user-of-{project}", "member");

    public static Identity Admin(string project) => new(project, $"admin-of-{project}", "admin,member");

    public void Apply(HttpRequestMessage request)
    {
        if (ProjectId is not null)
        {
            request.Headers.Add("X-Project-Id", ProjectId);
        }

        if (UserId is not null)
        {
            request.Headers.Add("X-User-Id", UserId);
        }

        if (Roles is not null)
        {
            request.Headers.Add("X-Roles", Roles);
        }
    }
}
