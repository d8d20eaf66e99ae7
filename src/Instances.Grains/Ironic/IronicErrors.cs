using System.Net;
using System.Text.Json;

namespace Instances.Grains.Ironic;

/// <summary>Ironic's error bodies → sentences a user can act on.</summary>
public static class IronicErrors
{
    /// <summary>
    /// The <c>faultstring</c> of an Ironic error body. Ironic wraps it twice: <c>error_message</c> is a
    /// string holding JSON (<c>{"faultcode", "faultstring", "debuginfo"}</c>); some proxies answer plain text.
    /// </summary>
    public static string? FaultString(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var outer = JsonDocument.Parse(body);
            if (outer.RootElement.ValueKind != JsonValueKind.Object || !outer.RootElement.TryGetProperty("error_message", out var message))
            {
                return null;
            }

            if (message.ValueKind == JsonValueKind.Object)
            {
                return Fault(message);
            }

            var text = message.ValueKind == JsonValueKind.String ? message.GetString() : null;
            if (text is null || !text.TrimStart().StartsWith('{'))
            {
                return text;
            }

            using var inner = JsonDocument.Parse(text);
            return Fault(inner.RootElement) ?? text;
        }
        catch (JsonException)
        {
            return body.Length <= 200 ? body.Trim() : null;
        }
    }

    /// <summary>What failed, in words: "Ironic refused to power on node X: &lt;fault&gt; (HTTP 400)."</summary>
    public static string Describe(string what, HttpStatusCode status, string? body)
    {
        var fault = FaultString(body);
        var reason = fault is null ? Reason(status) : fault.TrimEnd('.');
        return $"Ironic could not {what}: {reason} (HTTP {(int)status}).";
    }

    /// <summary>Ironic's allocation errors ("no available nodes match …") mean there is no free node.</summary>
    public static bool MeansNoFreeNode(string? lastError) =>
        lastError is not null && (lastError.Contains("no available nodes", StringComparison.OrdinalIgnoreCase)
            || lastError.Contains("no suitable nodes", StringComparison.OrdinalIgnoreCase)
            || lastError.Contains("no nodes", StringComparison.OrdinalIgnoreCase));

    private static string? Fault(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("faultstring", out var fault) && fault.ValueKind == JsonValueKind.String
            ? fault.GetString()
            : null;

    private static string Reason(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => "the credentials were refused; check Driver:Ironic:Auth and Driver:Ironic:Token",
        HttpStatusCode.NotFound => "it does not exist in Ironic",
        HttpStatusCode.ServiceUnavailable => "Ironic is busy or has no conductor; try again later",
        _ => "Ironic gave no reason",
    };
}
