using Instances.Abstractions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Instances.Server.Http;

/// <summary>A refused grain outcome → its HTTP problem; the grain's words become the <c>detail</c>.</summary>
public static class OutcomeProblems
{
    public static ProblemHttpResult ToProblem(this Outcome outcome, string notFoundDetail) => outcome.Kind switch
    {
        OutcomeKind.NotFound => Problems.NotFound(outcome.Detail ?? notFoundDetail),
        OutcomeKind.Conflict => Problems.Conflict(outcome.Detail ?? "Another operation is in progress; retry later."),
        OutcomeKind.InvalidState => Problems.BadRequest(outcome.Detail ?? "The action is not allowed in the current state."),
        OutcomeKind.Forbidden => Problems.Forbidden(outcome.Detail ?? "The caller may not do this."),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome.Kind, "A successful outcome is not a problem."),
    };
}
