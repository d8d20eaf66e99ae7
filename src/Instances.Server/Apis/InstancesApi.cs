using System.Text.Json.Nodes;
using Instances.Abstractions;
using Instances.Grains.Instances;
using Instances.Grains.Hosting;
using Instances.Server.Http;
using Instances.Server.Validation;
using Instances.Server.Wire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Instances.Server.Apis;

/// <summary>Create, show and delete of <c>/instances</c> (API.md §4); lists and PATCH live in their own classes.</summary>
public static class InstancesApi
{
    public static RouteGroupBuilder MapInstancesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/instances").WithTags("Instances");
        group.MapPost("", CreateAsync).WithRequestBody<CreateInstanceRequest>()
            .WithHeader(IdempotencyKey.Header, "Makes the create safe to retry: the same key from the same project within 24 hours returns the "
                + "original 201 (same instance); the same key with a different body is 409. 1–255 printable ASCII characters.");
        group.MapGet("", InstanceListApi.ListAsync);
        group.MapGet("/detail", InstanceListApi.ListDetailAsync);
        group.MapGet("/{uuid}", ShowAsync);
        group.MapPatch("/{uuid}", InstancePatchApi.PatchAsync)
            .WithRequestBody<List<PatchOperation>>(JsonBody.JsonPatchMediaType, "application/json");
        group.MapDelete("/{uuid}", DeleteAsync);
        return group;
    }

    public static async Task<Results<Created<InstanceBody>, ProblemHttpResult>> CreateAsync(
        HttpContext context, [FromServices] IGrainFactory grains, [FromServices] IOptions<InstancesOptions> options)
    {
        var body = await JsonBody.ReadAsync<CreateInstanceRequest>(context.Request, "a JSON object describing the instance");
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var caller = context.GetCaller();
        var errors = new ValidationErrors();
        var key = IdempotencyKey.Read(context.Request.Headers, errors);
        var command = CreateInstanceValidator.Validate(body.Value!, caller, options.Value, errors);
        if (Rules.TryParseUuid(body.Value!.InstanceTypeUuid, out var typeUuid)
            && !TypesApi.IsVisible(await grains.GetGrain<IInstanceTypeGrain>(typeUuid).GetAsync(), caller))
        {
            errors.Add("instance_type_uuid", $"InstanceType {typeUuid:D} could not be found.");
        }

        if (errors.Any || command is null)
        {
            return errors.ToProblem();
        }

        if (key is not null)
        {
            return await IdempotentCreateApi.CreateOnceAsync(context, grains, key, command);
        }

        var created = await grains.GetInstance(Guid.NewGuid()).CreateAsync(command);
        return CreatedResult(context, created);
    }

    /// <summary>201 with the new instance, or the grain's refusal.</summary>
    public static Results<Created<InstanceBody>, ProblemHttpResult> CreatedResult(HttpContext context, InstanceOutcome created)
    {
        if (!created.Outcome.Succeeded || created.Instance is null)
        {
            return created.Outcome.ToProblem("The instance could not be created.");
        }

        var instance = created.Instance.ToWire(context.Request.BaseUrl());
        return TypedResults.Created(instance.Links.Self(), instance);
    }

    public static async Task<Results<Ok<InstanceBody>, Ok<JsonObject>, ProblemHttpResult>> ShowAsync(
        string uuid, HttpContext context, [FromServices] IGrainFactory grains, [FromServices] LocalInstances local)
    {
        if (!Rules.TryParseUuid(uuid, out var id)
            || await grains.ReadInstanceAsync(local, id, context.GetCaller()) is not { } snapshot)
        {
            return Problems.InstanceNotFound(uuid);
        }

        var errors = new ValidationErrors();
        var fields = FieldSelection.Parse(context.Request.Query, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var instance = snapshot.ToWire(context.Request.BaseUrl()).WithAdminFields(snapshot, context.GetCaller());
        return fields is null ? TypedResults.Ok(instance) : TypedResults.Ok(instance.Project(fields));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string uuid, HttpContext context, [FromServices] IGrainFactory grains)
    {
        if (!Rules.TryParseUuid(uuid, out var id))
        {
            return Problems.InstanceNotFound(uuid);
        }

        var outcome = await grains.GetInstance(id).DeleteAsync(context.GetCaller());
        return outcome.Succeeded ? TypedResults.NoContent() : outcome.ToProblem($"Instance {id:D} could not be found.");
    }
}
