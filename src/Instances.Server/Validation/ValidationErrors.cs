using Instances.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Instances.Server.Validation;

/// <summary>Field errors collected while validating a request; becomes one 400 that names every field.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public static ValidationErrors For(string field, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return errors;
    }

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
    }

    /// <summary>A 400 whose <c>detail</c> names the field(s) and whose <c>errors</c> maps field → messages.</summary>
    public ProblemHttpResult ToProblem()
    {
        var detail = _errors.Count == 1 && _errors.First().Value.Count == 1
            ? _errors.First().Value[0]
            : "Invalid request: " + string.Join("; ", _errors.SelectMany(kv => kv.Value).Select(m => m.TrimEnd('.'))) + ".";
        return TypedResults.Problem(
            detail: detail,
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["errors"] = _errors.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray()) });
    }
}
