using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Storage;

namespace Instances.Grains.Hosting;

/// <summary>
/// Grain state as plain System.Text.Json (DESIGN.md §5): readable in the database, free of CLR
/// type names, and able to hold the immutable collections our records use (the default
/// Newtonsoft serializer with reference handling cannot read them back).
/// </summary>
public sealed class JsonGrainStateSerializer : IGrainStorageSerializer
{
    /// <summary>The one JSON shape of stored state, shared with the SQL projection's snapshot column.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, Options));

    public T Deserialize<T>(BinaryData input) =>
        input.ToMemory().IsEmpty ? Activator.CreateInstance<T>() : JsonSerializer.Deserialize<T>(input.ToMemory().Span, Options)!;
}
