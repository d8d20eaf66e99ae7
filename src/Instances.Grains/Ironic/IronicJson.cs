using System.Text.Json;

namespace Instances.Grains.Ironic;

/// <summary>Ironic's JSON: snake_case, and tolerant of the many fields the driver does not read.</summary>
internal static class IronicJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
