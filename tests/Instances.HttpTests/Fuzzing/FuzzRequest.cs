using System.Text;

namespace Instances.HttpTests.Fuzzing;

/// <summary>
/// One generated request. Paths and bodies may hold slots (<c>{I3}</c> an instance of the fuzz's pool, <c>{T1}</c> a
/// type of the fuzz's pool) that are filled in when it is sent, so the generated sequence is the same on every run.
/// </summary>
public sealed record FuzzRequest(
    string Method,
    string Path,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string? ContentType,
    byte[]? Body,
    string Route)
{
    /// <summary>Enough to replay the request by hand: method, path, headers and (the start of) the body.</summary>
    public string Describe(string resolvedPath, byte[]? resolvedBody)
    {
        var text = new StringBuilder();
        text.Append(Method).Append(' ').Append(Clip(resolvedPath, 400)).Append("   [route ").Append(Route).Append(']');
        foreach (var (name, value) in Headers)
        {
            text.Append("\n    ").Append(name).Append(": ").Append(Clip(value, 200));
        }

        if (ContentType is not null)
        {
            text.Append("\n    Content-Type: ").Append(Clip(ContentType, 200));
        }

        if (resolvedBody is not null)
        {
            text.Append("\n    body (").Append(resolvedBody.Length).Append(" bytes): ")
                .Append(Clip(Encoding.UTF8.GetString(resolvedBody), 600));
        }

        return text.ToString();
    }

    private static string Clip(string value, int max) => value.Length <= max ? value : value[..max] + $"…(+{value.Length - max} chars)";
}
