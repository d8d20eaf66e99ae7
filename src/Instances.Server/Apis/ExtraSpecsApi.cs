using Instances.Abstractions;
using Instances.Server.Http;
using Instances.Server.Validation;
using Instances.Server.Wire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Instances.Server.Apis;

/// <summary><c>/types/{uuid}/extraspecs</c> (API.md §6): read by anyone who sees the type, written by admins.</summary>
public static class ExtraSpecsApi
{
    public static RouteGroupBuilder MapExtraSpecsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/types/{uuid}/extraspecs").WithTags("Instance types");
        group.MapGet("", GetAsync);
        group.MapPatch("", MergeAsync).WithRequestBody<Dictionary<string, string>>().RequireAdmin();
        group.MapDelete("/{key}", DeleteAsync).RequireAdmin();
        return group;
    }

    public static async Task<Results<Ok<ExtraSpecsBody>, ProblemHttpResult>> GetAsync(
        string uuid, HttpContext context, [FromServices] IGrainFactory grains)
    {
        var type = await TypesApi.FindAsync(uuid, context.GetCaller(), grains);
        return type is null ? Problems.TypeNotFound(uuid) : TypedResults.Ok(new ExtraSpecsBody(type.ExtraSpecs));
    }

    public static async Task<Results<Ok<ExtraSpecsBody>, ProblemHttpResult>> MergeAsync(
        string uuid, HttpContext context, [FromServices] IGrainFactory grains)
    {
        var caller = context.GetCaller();
        if (await TypesApi.FindAsync(uuid, caller, grains) is not { } type)
        {
            return Problems.TypeNotFound(uuid);
        }

        var body = await JsonBody.ReadAsync<Dictionary<string, string?>>(context.Request, "a flat JSON object of string values");
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var errors = new ValidationErrors();
        var specs = Rules.StringMap(errors, "extra_specs", body.Value);
        Rules.MapSize(errors, "extra_specs", type.ExtraSpecs.Keys.Union(specs.Keys, StringComparer.Ordinal).Count());
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var merged = await grains.GetGrain<IInstanceTypeGrain>(type.Uuid).MergeExtraSpecsAsync(specs);
        return merged is null ? Problems.TypeNotFound(uuid) : TypedResults.Ok(new ExtraSpecsBody(merged.ExtraSpecs));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string uuid, string key, HttpContext context, [FromServices] IGrainFactory grains)
    {
        var caller = context.GetCaller();
        if (await TypesApi.FindAsync(uuid, caller, grains) is not { } type)
        {
            return Problems.TypeNotFound(uuid);
        }

        var outcome = await grains.GetGrain<IInstanceTypeGrain>(type.Uuid).RemoveExtraSpecAsync(key);
        return outcome.Succeeded ? TypedResults.NoContent()
            : outcome.ToProblem($"Extra spec '{Rules.Clip(key)}' of InstanceType {type.Uuid:D} could not be found.");
    }
}
