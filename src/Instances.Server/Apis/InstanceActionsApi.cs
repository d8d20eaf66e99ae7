using Instances.Abstractions;
using Instances.Server.Http;
using Instances.Server.Validation;
using Instances.Server.Wire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Instances.Server.Apis;

/// <summary><c>GET /instances/{uuid}/actions</c>: the action history (API.md §5 "Actions").</summary>
public static class InstanceActionsApi
{
    public static RouteGroupBuilder MapInstanceActionsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/instances/{uuid}/actions").WithTags("Instance actions");
        group.MapGet("", ListAsync);
        return group;
    }

    public static async Task<Results<Ok<InstanceActionsBody>, ProblemHttpResult>> ListAsync(
        string uuid, HttpContext context, [FromServices] IGrainFactory grains)
    {
        if (!Rules.TryParseUuid(uuid, out var id)
            || await grains.GetInstance(id).GetActionsAsync(context.GetCaller()) is not { } actions)
        {
            return Problems.InstanceNotFound(uuid);
        }

        return TypedResults.Ok(new InstanceActionsBody(actions.Select(InstanceActionBody.From).ToList()));
    }
}
