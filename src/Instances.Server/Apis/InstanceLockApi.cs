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
    public static Task<Results<Accepted, ProblemHttpResult>> SetLockAsync(
        string uuid, HttpContext context, [FromServices] IGrainFactory grains) =>
        StateChange.AcceptAsync(uuid, context, grains, ReadAsync, async (id, caller, target) =>
        {
            var outcome = await grains.GetInstance(id).SetLockAsync(caller, target);
            return outcome.Succeeded ? null : outcome.ToProblem($"Instance {id:D} could not be found.");
        });

    private static async Task<(bool Target, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request)
    {
        var body = await JsonBody.ReadAsync<LockRequest>(request, """a JSON object such as {"target": true}""");
        return body.Problem is { } problem ? (false, problem)
            : body.Value!.Target is { } target ? (target, null)
            : (false, Problems.Field("target", "'target' is required: true to lock, false to unlock."));
    }
}
