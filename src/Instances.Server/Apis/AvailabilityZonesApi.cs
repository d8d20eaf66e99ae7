using Instances.Grains.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Instances.Server.Apis;

/// <summary><c>/availability_zones</c>: the configured zones (API.md §6).</summary>
public static class AvailabilityZonesApi
{
    public static RouteGroupBuilder MapAvailabilityZonesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/availability_zones").WithTags("Availability zones");
        group.MapGet("", List);
        return group;
    }

    public static Ok<AvailabilityZonesBody> List([FromServices] IOptions<InstancesOptions> options) =>
        TypedResults.Ok(new AvailabilityZonesBody(options.Value.AvailabilityZones));
}

/// <summary>The zone list.</summary>
public sealed record AvailabilityZonesBody(IReadOnlyList<string> AvailabilityZones);
