using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Instances.Server.Http;

/// <summary>The JSON settings of the wire: snake_case, and strict on the way in (API.md §2 "Bodies").</summary>
public static class WireJson
{
    /// <summary>
    /// Request bodies: unknown fields, duplicate fields, numbers in strings and nulls where the DTO
    /// forbids them are all errors, so a client mistake is a 400 rather than a silent default.
    /// </summary>
    public static readonly JsonSerializerOptions Strict = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        PropertyNameCaseInsensitive = false,
        NumberHandling = JsonNumberHandling.Strict,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,

        // Our bodies nest three levels at most; deeper input is refused early (400), not walked.
        MaxDepth = MaxDepth,
    };

    /// <summary>The deepest request JSON accepted.</summary>
    public const int MaxDepth = 16;

    /// <summary>Response bodies, also used for <c>fields=</c> projections.</summary>
    public static readonly JsonSerializerOptions Response = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Applies the response settings to the framework's HTTP JSON options.</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;

        // Client text (names, descriptions) is echoed as written; the body is JSON, never embedded in HTML.
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.Converters.Add(new WireTimeConverter());
        return options;
    }
}
