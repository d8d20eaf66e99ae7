using Instances.Abstractions;
using Instances.Server.Http;
using Instances.Server.Validation;
using Instances.Server.Wire;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Instances.Server.Apis;

/// <summary>A create carrying an <c>Idempotency-Key</c> (API.md §4): one instance per (project, key) for 24 hours.</summary>
public static class IdempotentCreateApi
{
    /// <summary>
    /// A replay answers what a create of that instance answers now: 201, <c>Location</c> = its self link, and
    /// its current representation (a fresh read, so it may no longer be <c>building</c>).
    /// </summary>
    public static async Task<Results<Created<InstanceBody>, ProblemHttpResult>> CreateOnceAsync(
        HttpContext context, IGrainFactory grains, string key, CreateInstanceCommand command)
    {
        var caller = command.Caller;
        var grain = grains.GetGrain<IIdempotencyKeyGrain>(IdempotencyKeys.GrainKey(caller.ProjectId, key));
        var outcome = await grain.CreateOnceAsync(IdempotencyKey.Hash(command), command);
        switch (outcome.Kind)
        {
            case IdempotentCreateKind.Created or IdempotentCreateKind.Refused:
                return InstancesApi.CreatedResult(context, outcome.Created!);
            case IdempotentCreateKind.KeyReused:
                return Problems.Conflict(
                    $"{IdempotencyKey.Header} '{key}' was already used with a different request body; use a new key for a different instance.");
        }

        if (await grains.GetInstance(outcome.InstanceUuid).GetAsync(caller) is not { } current)
        {
            return Problems.Conflict(
                $"{IdempotencyKey.Header} '{key}' created instance {outcome.InstanceUuid:D}, which no longer exists; use a new key.");
        }

        var instance = current.ToWire(context.Request.BaseUrl());
        return TypedResults.Created(instance.Links.Self(), instance);
    }
}
