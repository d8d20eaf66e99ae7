using Instances.Abstractions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Instances.Server.Http;

/// <summary>A refused grain outcome → its HTTP problem; the grain's words become the <c>detail</c>.</summary>
public static class OutcomeProblems
{
    public static ProblemHttpResult ToProblem(this Outcome outcome, string notFoundDetail) =>
        Problems.Status(StatusOf(outcome), DetailOf(outcome, notFoundDetail));

    /// <summary>The status of a refusal.</summary>
    public static int StatusOf(Outcome outcome) => outcome.Kind switch
    {
        OutcomeKind.NotFound => StatusCodes.Status404NotFound,
        OutcomeKind.Conflict => StatusCodes.Status409Conflict,
        OutcomeKind.InvalidState => StatusCodes.Status400BadRequest,
        OutcomeKind.Forbidden => StatusCodes.Status403Forbidden,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome.Kind, "A successful outcome is not a problem."),
    };

    /// <summary>The detail of a refusal: the grain's words, else a default for its kind.</summary>
    public static string DetailOf(Outcome outcome, string notFoundDetail) => outcome.Detail ?? outcome.Kind switch
    {
        OutcomeKind.NotFound => notFoundDetail,
        OutcomeKind.Conflict => "Another operation is in progress; retry later.",
        OutcomeKind.InvalidState => "The action is not allowed in the current state.",
        OutcomeKind.Forbidden => "The caller may not do this.",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome.Kind, "A successful outcome is not a problem."),
    };
}
