using Instances.Abstractions;
using Instances.Server.Http;
using Instances.Server.Validation;
using Instances.Server.Wire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Instances.Server.Apis;

/// <summary><c>PUT /instances/{uuid}/states/lock</c> (API.md §3, §5 "Lock").</summary>
public static class InstanceLockApi
{
    public static async Task<Results<Accepted, ProblemHttpResult>> SetLockAsync(
        string uuid, HttpContext context, [FromServices] IGrainFactory grains)
    {
        if (!Rules.TryParseUuid(uuid, out var id))
        {
            return Problems.InstanceNotFound(uuid);
        }

        var caller = context.GetCaller();
        var grain = grains.GetGrain<IInstanceGrain>(id);
        var body = await JsonBody.ReadAsync<LockRequest>(context.Request, """a JSON object such as {"target": true}""");
        var problem = body.Problem ?? (body.Value!.Target is null
            ? Problems.Field("target", "'target' is required: true to lock, false to unlock.")
            : null);
        if (problem is not null)
        {
            // 404 wins over a bad body (API.md §2).
            return await grain.GetAsync(caller) is null ? Problems.InstanceNotFound(uuid) : problem;
        }

        var outcome = await grain.SetLockAsync(caller, body.Value!.Target!.Value);
        return outcome.Succeeded
            ? TypedResults.Accepted($"{context.Request.BaseUrl()}/v1/instances/{id:D}/states")
            : outcome.ToProblem($"Instance {id:D} could not be found.");
    }
}
