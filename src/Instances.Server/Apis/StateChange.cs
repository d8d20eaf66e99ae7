using Instances.Abstractions;
using Instances.Server.Http;
using Instances.Server.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Instances.Server.Apis;

/// <summary>
/// The shape every <c>PUT /instances/{uuid}/states/*</c> shares (power, lock, provision): an unknown
/// or foreign instance is 404 even when the body is bad (API.md §2) — looked up only on the error
/// path, so a valid request costs one grain call — and an accepted change is 202 pointing at the
/// state summary.
/// </summary>
internal static class StateChange
{
    public static async Task<Results<Accepted, ProblemHttpResult>> AcceptAsync<TRequest>(
        string uuid,
        HttpContext context,
        IGrainFactory grains,
        Func<HttpRequest, Task<(TRequest Request, ProblemHttpResult? Problem)>> read,
        Func<Guid, Caller, TRequest, Task<ProblemHttpResult?>> apply)
    {
        if (!Rules.TryParseUuid(uuid, out var id))
        {
            return Problems.InstanceNotFound(uuid);
        }

        var caller = context.GetCaller();
        var (request, problem) = await read(context.Request);
        if (problem is not null)
        {
            return await grains.GetInstance(id).GetAsync(caller) is null ? Problems.InstanceNotFound(uuid) : problem;
        }

        return await apply(id, caller, request) is { } refused
            ? refused
            : TypedResults.Accepted($"{context.Request.BaseUrl()}/v1/instances/{id:D}/states");
    }
}
