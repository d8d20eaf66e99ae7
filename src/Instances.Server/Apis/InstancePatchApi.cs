using Instances.Abstractions;
using Instances.Server.Http;
using Instances.Server.Validation;
using Instances.Server.Wire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Instances.Server.Apis;

/// <summary><c>PATCH /instances/{uuid}</c>: RFC 6902 over name, description and extra (API.md §4 "Update").</summary>
public static class InstancePatchApi
{
    /// <summary>How often a patch is reapplied when the instance changed between our read and our write.</summary>
    private const int Attempts = 5;

    public static async Task<Results<Ok<InstanceBody>, ProblemHttpResult>> PatchAsync(
        string uuid, HttpContext context, [FromServices] IGrainFactory grains)
    {
        var caller = context.GetCaller();
        var grain = Rules.TryParseUuid(uuid, out var id) ? grains.GetInstance(id) : null;
        if (grain is null || await grain.GetAsync(caller) is not { } snapshot)
        {
            return Problems.InstanceNotFound(uuid);
        }

        var body = await JsonBody.ReadAsync<List<PatchOperation?>>(context.Request, "a JSON array of patch operations", allowJsonPatch: true);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var errors = new ValidationErrors();
        var patch = InstancePatch.Parse(body.Value!, errors);
        if (patch is null)
        {
            return errors.ToProblem();
        }

        // Optimistic concurrency: the grain writes only if the instance is still at the version we patched,
        // so a concurrent state change (a power transition finishing) never loses our edit or theirs.
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            if (snapshot.Status == InstanceStatus.Deleting)
            {
                return Problems.Conflict($"Instance {id:D} is deleting; it can no longer be updated.");
            }

            var changes = patch.ApplyTo(snapshot, errors);
            if (changes is null)
            {
                return errors.ToProblem();
            }

            var result = await grain.UpdateAsync(caller, changes, snapshot.Version);
            if (result.Outcome.Succeeded && result.Instance is { } updated)
            {
                return TypedResults.Ok(updated.ToWire(context.Request.BaseUrl()));
            }

            if (result.Outcome.Kind != OutcomeKind.Conflict)
            {
                return result.Outcome.ToProblem($"Instance {id:D} could not be found.");
            }

            var fresh = await grain.GetAsync(caller);
            if (fresh is null)
            {
                return Problems.InstanceNotFound(uuid);
            }

            if (fresh.Version == snapshot.Version)
            {
                // A conflict that is not a moved version (e.g. locked): retrying would not help.
                return result.Outcome.ToProblem($"Instance {id:D} could not be found.");
            }

            snapshot = fresh;
        }

        return Problems.Conflict($"Instance {id:D} kept changing; retry the update.");
    }
}
