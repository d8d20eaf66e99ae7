using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Instances.Server.Http;

/// <summary>Writes times as the contract shows them: microseconds and an explicit offset (<c>+00:00</c>, never <c>Z</c>).</summary>
public sealed class WireTimeConverter : JsonConverter<DateTimeOffset>
{
    private const string Format = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffffzzz";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString() ?? "", CultureInfo.InvariantCulture);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString(Format, CultureInfo.InvariantCulture));
}
