using Google.Protobuf;

namespace Instances.StorageTests.EndToEnd.Telemetry;

/// <summary>
/// Reads an OTLP <c>ExportTraceServiceRequest</c> (protobuf) with Google.Protobuf's wire reader, no
/// generated types: only the fields the tests look at, by their numbers in opentelemetry-proto
/// (trace/v1/trace.proto, common/v1/common.proto, resource/v1/resource.proto); the rest is skipped.
/// </summary>
public static class OtlpTraceDecoder
{
    public static List<ReceivedSpan> Decode(byte[] body)
    {
        var spans = new List<ReceivedSpan>();

        // ExportTraceServiceRequest: 1 = repeated ResourceSpans.
        foreach (var resourceSpans in Messages(ByteString.CopyFrom(body), 1))
        {
            // ResourceSpans: 1 = Resource, 2 = repeated ScopeSpans. Resource: 1 = repeated KeyValue.
            var node = Messages(resourceSpans, 1).SelectMany(r => Messages(r, 1)).Select(Attribute)
                .FirstOrDefault(a => a.Key == "service.instance.id").Value ?? "";
            foreach (var scopeSpans in Messages(resourceSpans, 2))
            {
                // ScopeSpans: 1 = InstrumentationScope (1 = name), 2 = repeated Span.
                var scope = Messages(scopeSpans, 1).Select(s => Text(s, 1)).FirstOrDefault() ?? "";
                spans.AddRange(Messages(scopeSpans, 2).Select(span => Span(span, scope, node)));
            }
        }

        return spans;
    }

    /// <summary>Span: 1 trace_id, 2 span_id, 4 parent_span_id (bytes), 5 name, 6 kind (enum).</summary>
    private static ReceivedSpan Span(ByteString span, string scope, string node)
    {
        var fields = Fields(span);
        string Hex(int number) => fields.TryGetValue(number, out var v) && v is ByteString b ? Convert.ToHexStringLower(b.ToByteArray()) : "";
        return new ReceivedSpan(Hex(1), Hex(2), Hex(4), Text(span, 5) ?? "", fields.TryGetValue(6, out var k) ? (int)(ulong)k : 0, scope, node);
    }

    /// <summary>KeyValue: 1 key; 2 AnyValue, whose 1 is string_value.</summary>
    private static KeyValuePair<string, string?> Attribute(ByteString keyValue) =>
        new(Text(keyValue, 1) ?? "", Messages(keyValue, 2).Select(v => Text(v, 1)).FirstOrDefault());

    private static string? Text(ByteString message, int number) =>
        Fields(message).TryGetValue(number, out var v) && v is ByteString b ? b.ToStringUtf8() : null;

    /// <summary>Every length-delimited field <paramref name="number"/> of a message (repeated fields in order).</summary>
    private static IEnumerable<ByteString> Messages(ByteString message, int number)
    {
        var input = message.CreateCodedInput();
        for (uint tag; (tag = input.ReadTag()) != 0;)
        {
            if (WireFormat.GetTagFieldNumber(tag) == number && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                yield return input.ReadBytes();
            }
            else
            {
                input.SkipLastField();
            }
        }
    }

    /// <summary>The last value of each length-delimited (as bytes) or varint (as ulong) field; others skipped.</summary>
    private static Dictionary<int, object> Fields(ByteString message)
    {
        var fields = new Dictionary<int, object>();
        var input = message.CreateCodedInput();
        for (uint tag; (tag = input.ReadTag()) != 0;)
        {
            var number = WireFormat.GetTagFieldNumber(tag);
            switch (WireFormat.GetTagWireType(tag))
            {
                case WireFormat.WireType.LengthDelimited:
                    fields[number] = input.ReadBytes();
                    break;
                case WireFormat.WireType.Varint:
                    fields[number] = input.ReadUInt64();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return fields;
    }
}
