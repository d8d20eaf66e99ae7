using Instances.Abstractions;
using Instances.Server.Http;
using Instances.Server.Validation;
using Instances.Server.Wire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Instances.Server.Apis;

/// <summary><c>PUT /instances/{uuid}/states/provision</c>: rebuild (API.md §5 "Rebuild").</summary>
public static class InstanceRebuildApi
{
    public const string RebuildTarget = "rebuild";

    public static async Task<Results<Accepted, ProblemHttpResult>> RebuildAsync(
        string uuid, HttpContext context, [FromServices] IGrainFactory grains)
    {
        if (!Rules.TryParseUuid(uuid, out var id))
        {
            return Problems.InstanceNotFound(uuid);
        }

        var caller = context.GetCaller();
        var grain = grains.GetGrain<IInstanceGrain>(id);
        var (image, problem) = await ReadAsync(context.Request);
        if (problem is not null)
        {
            // 404 wins over a bad body (API.md §2).
            return await grain.GetAsync(caller) is null ? Problems.InstanceNotFound(uuid) : problem;
        }

        var outcome = await grain.RebuildAsync(caller, image);
        return outcome.Succeeded
            ? TypedResults.Accepted($"{context.Request.BaseUrl()}/v1/instances/{id:D}/states")
            : outcome.ToProblem($"Instance {id:D} could not be found.");
    }

    private static async Task<(Guid? Image, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request)
    {
        var body = await JsonBody.ReadAsync<ProvisionRequest>(request, """a JSON object such as {"target": "rebuild"}""");
        if (body.Problem is { } problem)
        {
            return (null, problem);
        }

        var errors = new ValidationErrors();
        if (body.Value!.Target is not { } target)
        {
            errors.Add("target", $"'target' is required; the only provision target is '{RebuildTarget}'.");
        }
        else if (target != RebuildTarget)
        {
            errors.Add("target", $"'target' '{Rules.Clip(target)}' is not a provision target; use '{RebuildTarget}'.");
        }

        var image = Rules.Uuid(errors, "image_uuid", body.Value.ImageUuid, required: false);
        return errors.Any ? (null, errors.ToProblem()) : (image, null);
    }
}
