using Instances.Server.Http;
using Instances.Server.Wire;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Instances.Server.Apis;

/// <summary>Version discovery, <c>/</c> and <c>/v1</c> (API.md §7). Mapped once: <c>/v1</c>'s bookmark form would be <c>/</c> itself.</summary>
public static class VersionsApi
{
    public const string ServiceName = "Instances";

    public static RouteGroupBuilder MapVersionsApi(this IEndpointRouteBuilder routes)
    {
        // Version discovery needs no token, as in every OpenStack API.
        var group = routes.MapGroup("").WithTags("Versions").AllowAnonymous();
        group.MapGet("/", Root);
        group.MapGet("/v1", V1);
        return group;
    }

    public static Ok<RootBody> Root(HttpContext context)
    {
        var version = Current(context.Request.BaseUrl());
        return TypedResults.Ok(new RootBody(
            ServiceName,
            "Bare-metal instances: create, power and delete physical machines (OpenStack Nimble/Mogan compatible).",
            [version],
            version));
    }

    public static Ok<V1Body> V1(HttpContext context)
    {
        var baseUrl = context.Request.BaseUrl();
        return TypedResults.Ok(new V1Body(
            "v1",
            [new Link($"{baseUrl}/v1", "self")],
            ResourceLinks.ForCollection(baseUrl, "instances"),
            ResourceLinks.ForCollection(baseUrl, "types"),
            ResourceLinks.ForCollection(baseUrl, "availability_zones")));
    }

    private static VersionBody Current(string baseUrl) =>
        new("v1", "CURRENT", ApiVersionNegotiation.CurrentVersion, ApiVersionNegotiation.CurrentVersion, [new Link($"{baseUrl}/v1", "self")]);
}
