using Instances.Abstractions;
using Instances.Server.Http;
using Instances.Server.Validation;
using Instances.Server.Wire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Instances.Server.Apis;

/// <summary><c>/instances/{uuid}/states</c> and <c>/states/power</c>, <c>/states/lock</c>, <c>/states/provision</c> (API.md §5).</summary>
public static class InstanceStatesApi
{
    public const int MaxTimeoutSeconds = PowerChange.MaxTimeoutSeconds;

    public static RouteGroupBuilder MapInstanceStatesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/instances/{uuid}/states").WithTags("Instance states");
        group.MapGet("", GetStatesAsync);
        group.MapPut("/power", SetPowerAsync).WithRequestBody<PowerRequest>();
        group.MapPut("/lock", InstanceLockApi.SetLockAsync).WithRequestBody<LockRequest>();
        group.MapPut("/provision", InstanceRebuildApi.RebuildAsync).WithRequestBody<ProvisionRequest>();
        return group;
    }

    public static async Task<Results<Ok<InstanceStatesBody>, ProblemHttpResult>> GetStatesAsync(
        string uuid, HttpContext context, [FromServices] IGrainFactory grains)
    {
        if (!Rules.TryParseUuid(uuid, out var id)
            || await grains.GetGrain<IInstanceGrain>(id).GetAsync(context.GetCaller()) is not { } snapshot)
        {
            return Problems.InstanceNotFound(uuid);
        }

        return TypedResults.Ok(snapshot.ToStates());
    }

    public static async Task<Results<Accepted, ProblemHttpResult>> SetPowerAsync(
        string uuid, HttpContext context, [FromServices] IGrainFactory grains)
    {
        if (!Rules.TryParseUuid(uuid, out var id))
        {
            return Problems.InstanceNotFound(uuid);
        }

        var caller = context.GetCaller();
        var grain = grains.GetGrain<IInstanceGrain>(id);
        var (action, timeout, problem) = await ReadPowerAsync(context.Request);
        if (problem is not null)
        {
            // 404 wins over a bad body (API.md §2); looked up only here to keep the valid path at one grain call.
            return await grain.GetAsync(caller) is null ? Problems.InstanceNotFound(uuid) : problem;
        }

        var outcome = await PowerChange.ApplyAsync(grains, id, caller, action, timeout);
        return outcome.Succeeded
            ? TypedResults.Accepted($"{context.Request.BaseUrl()}/v1/instances/{id:D}/states")
            : PowerChange.ToProblem(outcome, id);
    }

    private static async Task<(PowerAction Action, TimeSpan? Timeout, ProblemHttpResult? Problem)> ReadPowerAsync(HttpRequest request)
    {
        var body = await JsonBody.ReadAsync<PowerRequest>(request, """a JSON object such as {"target": "off"}""");
        if (body.Problem is { } problem)
        {
            return (default, null, problem);
        }

        var errors = new ValidationErrors();
        var (action, timeout) = PowerChange.Validate(body.Value!.Target, body.Value.Timeout, errors);
        return errors.Any ? (action, timeout, errors.ToProblem()) : (action, timeout, null);
    }
}
