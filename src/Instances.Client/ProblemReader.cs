using System.Text.Json;

namespace Instances.Client;

/// <summary>Turns an error answer into an <see cref="InstancesApiException"/>, whatever its body holds.</summary>
public static class ProblemReader
{
    public static async Task<InstancesApiException> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var requestId = response.Headers.TryGetValues(InstancesClient.RequestIdHeader, out var ids) ? ids.FirstOrDefault() : null;
        string? title = response.ReasonPhrase, detail = null, type = null;
        Dictionary<string, string[]>? errors = null;
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            title = Str(root, "title") ?? title;
            detail = Str(root, "detail");
            type = Str(root, "type");
            requestId = Str(root, "request_id") ?? requestId;
            if (root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object)
            {
                errors = e.Deserialize<Dictionary<string, string[]>>(ClientJson.Options);
            }
        }
        catch (JsonException)
        {
            detail = text.Length > 500 ? text[..500] : text; // not problem+json (a proxy's page): keep the start of it
        }

        return new InstancesApiException(response.StatusCode, title, detail, requestId)
        {
            Type = type,
            Errors = errors,
            RetryAfter = RetryRules.ServerDelay(response, DateTimeOffset.UtcNow),
        };
    }

    private static string? Str(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
