namespace Instances.Server.Http;

/// <summary>
/// Admin-only routes (type writes, API.md §3): refused with 403 before the handler looks up the
/// resource or reads the body, so a member learns nothing about what exists.
/// </summary>
public static class AdminOnlyFilter
{
    public static TBuilder RequireAdmin<TBuilder>(this TBuilder builder, string? detail = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter((context, next) =>
            context.HttpContext.GetCaller().IsAdmin ? next(context) : ValueTask.FromResult<object?>(Problems.AdminOnly(detail)));
}
