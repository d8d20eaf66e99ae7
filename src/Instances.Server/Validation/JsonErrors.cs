using System.Text.Json;

namespace Instances.Server.Validation;

/// <summary>
/// Words for a <see cref="JsonException"/> that name the field (from its JSON path) without leaking .NET
/// type names to the client.
/// </summary>
public static class JsonErrors
{
    public static ValidationErrors Describe(JsonException exception, string expected)
    {
        var field = FieldOf(exception.Path);
        var message = exception.Message;
        if (exception.InnerException?.GetType().Name == "JsonReaderException")
        {
            return ValidationErrors.For("body",
                $"The body is not valid JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine}).");
        }

        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            return ValidationErrors.For(field, $"Unknown field '{field}'.");
        }

        if (message.StartsWith("Duplicate propert", StringComparison.Ordinal))
        {
            return ValidationErrors.For(field, $"Duplicate field '{field}'.");
        }

        if (field == "body")
        {
            return ValidationErrors.For(field, $"The body must be {expected}.");
        }

        return ValidationErrors.For(field, $"Invalid value for '{field}': wrong JSON type, null, or out of range.");
    }

    /// <summary><c>$.networks[0].uuid</c> → <c>networks[0].uuid</c>; the root is "body".</summary>
    public static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }
}
