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

    public static Task<Results<Accepted, ProblemHttpResult>> RebuildAsync(
        string uuid, HttpContext context, [FromServices] IGrainFactory grains) =>
        StateChange.AcceptAsync(uuid, context, grains, ReadAsync, async (id, caller, image) =>
        {
            var outcome = await grains.GetInstance(id).RebuildAsync(caller, image);
            return outcome.Succeeded ? null : outcome.ToProblem($"Instance {id:D} could not be found.");
        });

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
