using Instances.Abstractions;
using Instances.Grains.Instances;
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
        string uuid, HttpContext context, [FromServices] IGrainFactory grains, [FromServices] LocalInstances local)
    {
        if (!Rules.TryParseUuid(uuid, out var id)
            || await grains.ReadInstanceAsync(local, id, context.GetCaller()) is not { } snapshot)
        {
            return Problems.InstanceNotFound(uuid);
        }

        return TypedResults.Ok(snapshot.ToStates());
    }

    public static Task<Results<Accepted, ProblemHttpResult>> SetPowerAsync(
        string uuid, HttpContext context, [FromServices] IGrainFactory grains) =>
        StateChange.AcceptAsync(uuid, context, grains, ReadPowerAsync, async (id, caller, power) =>
        {
            var outcome = await PowerChange.ApplyAsync(grains, id, caller, power.Action, power.Timeout);
            return outcome.Succeeded ? null : PowerChange.ToProblem(outcome, id);
        });

    private static async Task<((PowerAction Action, TimeSpan? Timeout) Request, ProblemHttpResult? Problem)> ReadPowerAsync(HttpRequest request)
    {
        var body = await JsonBody.ReadAsync<PowerRequest>(request, """a JSON object such as {"target": "off"}""");
        if (body.Problem is { } problem)
        {
            return (default, problem);
        }

        var errors = new ValidationErrors();
        var power = PowerChange.Validate(body.Value!.Target, body.Value.Timeout, errors);
        return (power, errors.Any ? errors.ToProblem() : null);
    }
}
