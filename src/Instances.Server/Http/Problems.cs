using Microsoft.AspNetCore.Http.HttpResults;

namespace Instances.Server.Http;

/// <summary>The problem results handlers return; they are written (and enriched) by <see cref="AlwaysJsonProblemWriter"/>.</summary>
public static class Problems
{
    public static ProblemHttpResult Status(int status, string detail) => TypedResults.Problem(detail: detail, statusCode: status);

    public static ProblemHttpResult BadRequest(string detail) => Status(StatusCodes.Status400BadRequest, detail);

    public static ProblemHttpResult NotFound(string detail) => Status(StatusCodes.Status404NotFound, detail);

    public static ProblemHttpResult Forbidden(string detail) => Status(StatusCodes.Status403Forbidden, detail);

    public static ProblemHttpResult Conflict(string detail) => Status(StatusCodes.Status409Conflict, detail);

    /// <summary>A 400 for one field: <c>detail</c> names it and <c>errors</c> carries it, like a multi-field 400.</summary>
    public static ProblemHttpResult Field(string field, string message) =>
        Validation.ValidationErrors.For(field, message).ToProblem();

    public static ProblemHttpResult InstanceNotFound(string uuid) => NotFound($"Instance {uuid} could not be found.");

    public static ProblemHttpResult TypeNotFound(string uuid) => NotFound($"InstanceType {uuid} could not be found.");

    public static ProblemHttpResult AdminOnly(string? detail = null) => Forbidden(detail ?? "Only an admin may change instance types.");
}
