using Instances.Abstractions;
using Instances.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Instances.Server.Validation;

/// <summary>
/// The one path of a power change (API.md §5 "Power"), shared by <c>PUT .../states/power</c> and the bulk
/// <c>POST /instances/actions/power</c> (§8) so that both judge an instance the same way.
/// </summary>
public static class PowerChange
{
    public const int MaxTimeoutSeconds = 3600;

    /// <summary>Validates <c>target</c> and <c>timeout</c>, recording each error under its field name.</summary>
    public static (PowerAction Action, TimeSpan? Timeout) Validate(string? target, int? timeoutSeconds, ValidationErrors errors)
    {
        var valid = string.Join(", ", StatusNames.PowerTargets.Select(t => $"'{t}'"));
        var action = default(PowerAction);
        if (target is null)
        {
            errors.Add("target", $"'target' is required; one of {valid}.");
        }
        else if (!StatusNames.TryParsePowerTarget(target, out action))
        {
            errors.Add("target", $"'target' '{Rules.Clip(target)}' is not a power target; use one of {valid}.");
        }

        if (timeoutSeconds is < 1 or > MaxTimeoutSeconds)
        {
            errors.Add("timeout", $"'timeout' must be 1–{MaxTimeoutSeconds} seconds.");
        }

        return (action, timeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null);
    }

    /// <summary>Asks the instance grain; a refusal (unknown, other project's, busy, invalid state, locked) is the outcome.</summary>
    public static Task<Outcome> ApplyAsync(IGrainFactory grains, Guid id, Caller caller, PowerAction action, TimeSpan? timeout) =>
        grains.GetInstance(id).SetPowerAsync(caller, action, timeout);

    /// <summary>The 404 detail for an unknown instance and for another project's alike (no existence leak).</summary>
    public static string NotFoundDetail(Guid id) => $"Instance {id:D} could not be found.";

    /// <summary>
    /// The single call's problem for a refusal. An invalid state is the <c>target</c>'s fault, so that 400 names
    /// it in <c>errors</c> like every other 400 (docs/api.md "Requests"); its detail is unchanged.
    /// </summary>
    public static ProblemHttpResult ToProblem(Outcome outcome, Guid id) => outcome.Kind == OutcomeKind.InvalidState
        ? Problems.Field("target", OutcomeProblems.DetailOf(outcome, NotFoundDetail(id)))
        : outcome.ToProblem(NotFoundDetail(id));

    /// <summary>The HTTP status the single call answers for <paramref name="outcome"/>.</summary>
    public static int StatusOf(Outcome outcome) => outcome.Succeeded ? StatusCodes.Status202Accepted : OutcomeProblems.StatusOf(outcome);

    /// <summary>The words of the single call's answer: its problem detail, or what the 202 means.</summary>
    public static string DetailOf(Outcome outcome, Guid id) => outcome.Kind switch
    {
        OutcomeKind.Accepted => "Accepted.",
        OutcomeKind.NoOp => "Accepted: already in the requested power state.",
        _ => OutcomeProblems.DetailOf(outcome, NotFoundDetail(id)),
    };
}
