using System.Text.Json;
using System.Text.Json.Serialization;

namespace Instances.Client;

/// <summary>The wire's JSON: snake_case members, absent optional members left out of requests.</summary>
public static class ClientJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
