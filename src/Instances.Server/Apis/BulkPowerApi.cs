using Instances.Abstractions;
using Instances.Grains.Projection;
using Instances.Server.Http;
using Instances.Server.Validation;
using Instances.Server.Wire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Instances.Server.Apis;

/// <summary>
/// <c>POST /instances/actions/power</c> (API.md §8): a power change of many instances, each judged by its own
/// grain exactly as <c>PUT .../states/power</c> judges it (<see cref="PowerChange"/>).
/// </summary>
public static class BulkPowerApi
{
    public const int MaxInstances = 1000;

    /// <summary>Grain calls in flight per request: enough to overlap storage writes, few enough not to flood the silo.</summary>
    public const int Parallelism = 16;

    // "actions" is a literal segment, which routing prefers to the {uuid} parameter of the other /instances routes.
    public static RouteGroupBuilder MapBulkPowerApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/instances/actions").WithTags("Instance states");
        group.MapPost("/power", PowerAsync).WithRequestBody<BulkPowerRequest>();
        return group;
    }

    public static async Task<Results<Ok<BulkPowerBody>, ProblemHttpResult>> PowerAsync(
        HttpContext context, [FromServices] IGrainFactory grains, [FromServices] IInstanceIndex index)
    {
        var body = await JsonBody.ReadAsync<BulkPowerRequest>(
            context.Request, """a JSON object such as {"target": "off", "instances": ["<uuid>"]}""");
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var request = body.Value!;
        var caller = context.GetCaller();
        var errors = new ValidationErrors();
        var (action, timeout) = PowerChange.Validate(request.Target, request.Timeout, errors);
        var ids = await SelectAsync(request, caller, index, errors);
        if (errors.Any || ids is null)
        {
            return errors.ToProblem();
        }

        var results = new BulkPowerResult[ids.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = context.RequestAborted };
        await Parallel.ForEachAsync(Enumerable.Range(0, ids.Count), options, async (i, _) =>
        {
            var outcome = await PowerChange.ApplyAsync(grains, ids[i], caller, action, timeout);
            results[i] = new BulkPowerResult(ids[i].ToString("D"), PowerChange.StatusOf(outcome), PowerChange.DetailOf(outcome, ids[i]));
        });
        return TypedResults.Ok(new BulkPowerBody(results));
    }

    /// <summary>The instances to change, each once, in request order (or list order for a filter).</summary>
    private static async Task<IReadOnlyList<Guid>?> SelectAsync(BulkPowerRequest request, Caller caller, IInstanceIndex index, ValidationErrors errors)
    {
        if ((request.Instances is null) == (request.Filter is null))
        {
            errors.Add("instances", "Give exactly one of 'instances' (a list of UUIDs) and 'filter' (list filters).");
            return null;
        }

        if (request.Instances is { } listed)
        {
            if (listed.Count > MaxInstances)
            {
                errors.Add("instances", $"'instances' may list at most {MaxInstances} UUIDs, not {listed.Count}.");
                return null;
            }

            var ids = new List<Guid>(listed.Count);
            for (var i = 0; i < listed.Count; i++)
            {
                if (Rules.Uuid(errors, $"instances[{i}]", listed[i] ?? "null", required: true) is { } id)
                {
                    ids.Add(id);
                }
            }

            return errors.Any ? null : ids.Distinct().ToList();
        }

        if (await BulkPowerFilter.ParseAsync(request.Filter!, caller, index, errors) is not { } query)
        {
            return null;
        }

        return await MatchingAsync(index, query);
    }

    /// <summary>Every instance the filter matches now, page by page through the projection.</summary>
    private static async Task<IReadOnlyList<Guid>> MatchingAsync(IInstanceIndex index, InstanceQuery query)
    {
        var ids = new List<Guid>();
        await foreach (var page in index.PagesAsync(query))
        {
            ids.AddRange(page.Items.Select(s => s.Uuid));
        }

        return ids;
    }
}
