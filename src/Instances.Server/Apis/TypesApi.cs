using Instances.Abstractions;
using Instances.Server.Http;
using Instances.Server.Validation;
using Instances.Server.Wire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Instances.Server.Apis;

/// <summary>
/// <c>/types</c> (API.md §6). Writes are admin-only and checked before existence, so a member learns nothing
/// from a 403. A non-public type is visible to admins only: to a member it does not exist (404).
/// </summary>
public static class TypesApi
{
    public static RouteGroupBuilder MapTypesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/types").WithTags("Instance types");
        group.MapPost("", CreateAsync).WithRequestBody<CreateTypeRequest>().RequireAdmin();
        group.MapGet("", ListAsync);
        group.MapGet("/{uuid}", ShowAsync);
        group.MapPut("/{uuid}", UpdateAsync).WithRequestBody<UpdateTypeRequest>().RequireAdmin();
        group.MapDelete("/{uuid}", DeleteAsync).RequireAdmin();
        return group;
    }

    public static bool IsVisible(InstanceTypeSnapshot? type, Caller caller) => type is not null && (type.IsPublic || caller.IsAdmin);

    public static async Task<Results<Created<InstanceTypeBody>, ProblemHttpResult>> CreateAsync(HttpContext context, [FromServices] IGrainFactory grains)
    {
        var body = await JsonBody.ReadAsync<CreateTypeRequest>(context.Request, "a JSON object describing the type");
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var errors = new ValidationErrors();
        var request = body.Value!;
        var name = Rules.Text(errors, "name", request.Name, 1, required: true);
        var description = Rules.Text(errors, "description", request.Description, 0, required: false);
        var specs = Rules.StringMap(errors, "extra_specs", request.ExtraSpecs);
        if (errors.Any || name is null)
        {
            return errors.ToProblem();
        }

        var definition = new InstanceTypeDefinition(name, description, request.IsPublic ?? true, specs);
        var created = await grains.GetGrain<IInstanceTypeGrain>(Guid.NewGuid()).CreateAsync(definition);
        if (created is null)
        {
            return Problems.Conflict("The type could not be created; retry.");
        }

        var type = created.ToWire(context.Request.BaseUrl());
        return TypedResults.Created(type.Links.Self(), type);
    }

    public static async Task<Ok<TypeListBody>> ListAsync(HttpContext context, [FromServices] IGrainFactory grains)
    {
        var caller = context.GetCaller();
        var types = await grains.GetGrain<ITypeCatalogGrain>(0).ListAsync();
        var baseUrl = context.Request.BaseUrl();
        return TypedResults.Ok(new TypeListBody(types.Where(t => IsVisible(t, caller)).Select(t => t.ToWire(baseUrl)).ToList()));
    }

    public static async Task<Results<Ok<InstanceTypeBody>, ProblemHttpResult>> ShowAsync(
        string uuid, HttpContext context, [FromServices] IGrainFactory grains)
    {
        var type = await FindAsync(uuid, context.GetCaller(), grains);
        return type is null ? Problems.TypeNotFound(uuid) : TypedResults.Ok(type.ToWire(context.Request.BaseUrl()));
    }

    public static async Task<Results<Ok<InstanceTypeBody>, ProblemHttpResult>> UpdateAsync(
        string uuid, HttpContext context, [FromServices] IGrainFactory grains)
    {
        var caller = context.GetCaller();
        if (await FindAsync(uuid, caller, grains) is not { } existing)
        {
            return Problems.TypeNotFound(uuid);
        }

        var body = await JsonBody.ReadAsync<UpdateTypeRequest>(context.Request, "a JSON object with name, description or is_public");
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var errors = new ValidationErrors();
        var request = body.Value!;
        var name = Rules.Text(errors, "name", request.Name, 1, required: false);
        var description = Rules.Text(errors, "description", request.Description, 0, required: false);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var update = new InstanceTypeUpdate(name, request.HasDescription, description, request.IsPublic);
        var updated = await grains.GetGrain<IInstanceTypeGrain>(existing.Uuid).UpdateAsync(update);
        return updated is null ? Problems.TypeNotFound(uuid) : TypedResults.Ok(updated.ToWire(context.Request.BaseUrl()));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string uuid, HttpContext context, [FromServices] IGrainFactory grains)
    {
        if (!Rules.TryParseUuid(uuid, out var id))
        {
            return Problems.TypeNotFound(uuid);
        }

        var outcome = await grains.GetGrain<IInstanceTypeGrain>(id).DeleteAsync();
        return outcome.Succeeded ? TypedResults.NoContent() : outcome.ToProblem($"InstanceType {id:D} could not be found.");
    }

    /// <summary>The type if it exists and the caller may see it.</summary>
    public static async Task<InstanceTypeSnapshot?> FindAsync(string uuid, Caller caller, IGrainFactory grains)
    {
        if (!Rules.TryParseUuid(uuid, out var id))
        {
            return null;
        }

        var type = await grains.GetGrain<IInstanceTypeGrain>(id).GetAsync();
        return IsVisible(type, caller) ? type : null;
    }
}
