using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Instances.Abstractions;
using Instances.Grains.Projection;
using Instances.Server.Http;

namespace Instances.Server.Wire;

/// <summary>
/// What <c>GET /v1/instances</c> shows of each instance (<see cref="InstanceBody.SummaryFields"/>), in
/// the shape the <c>fields=</c> projection gives. A page holds up to 1,000 of them, so each is written
/// straight from the projection's record: no link strings, link objects or body record per item, only
/// the page's two link prefixes encoded once (docs/benchmarks.md, figure 4a).
/// </summary>
[JsonConverter(typeof(Converter))]
public sealed class InstanceSummaryBody(InstanceSummary summary, InstanceSummaryBody.LinkPrefixes links)
{
    public InstanceSummary Summary { get; } = summary;

    internal LinkPrefixes Links { get; } = links;

    /// <summary><c>{base}/v1/instances/</c> and <c>{base}/instances/</c> as UTF-8, shared by a page's items.</summary>
    public sealed class LinkPrefixes(string baseUrl)
    {
        internal byte[] Self { get; } = Encoding.UTF8.GetBytes($"{ResourceLinks.SelfOf(baseUrl, InstanceMapping.Collection)}/");

        internal byte[] Bookmark { get; } = Encoding.UTF8.GetBytes($"{ResourceLinks.BookmarkOf(baseUrl, InstanceMapping.Collection)}/");
    }

    private sealed class Converter : JsonConverter<InstanceSummaryBody>
    {
        private const int GuidLength = 36;
        private static readonly JsonEncodedText Uuid = JsonEncodedText.Encode("uuid");
        private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
        private static readonly JsonEncodedText Description = JsonEncodedText.Encode("description");
        private static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
        private static readonly JsonEncodedText PowerState = JsonEncodedText.Encode("power_state");
        private static readonly JsonEncodedText Links = JsonEncodedText.Encode("links");
        private static readonly JsonEncodedText Href = JsonEncodedText.Encode("href");
        private static readonly JsonEncodedText Rel = JsonEncodedText.Encode("rel");
        private static readonly JsonEncodedText SelfRel = JsonEncodedText.Encode("self");
        private static readonly JsonEncodedText BookmarkRel = JsonEncodedText.Encode("bookmark");

        public override InstanceSummaryBody Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Summaries are only written.");

        public override void Write(Utf8JsonWriter writer, InstanceSummaryBody value, JsonSerializerOptions options)
        {
            var s = value.Summary;
            writer.WriteStartObject();
            writer.WriteString(Uuid, s.Uuid);
            writer.WriteString(Name, s.Name);
            writer.WriteString(Description, s.Description);
            writer.WriteString(Status, s.Status.ToName());
            writer.WriteString(PowerState, s.PowerState.ToName());
            writer.WriteStartArray(Links);
            WriteLink(writer, value.Links.Self, s.Uuid, SelfRel);
            WriteLink(writer, value.Links.Bookmark, s.Uuid, BookmarkRel);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        private static void WriteLink(Utf8JsonWriter writer, byte[] prefix, Guid id, JsonEncodedText rel)
        {
            var length = prefix.Length + GuidLength;
            // The prefix holds the request's host, so it is bounded by Kestrel's header limits, not by us.
            var rented = length > 512 ? ArrayPool<byte>.Shared.Rent(length) : null;
            var href = rented is null ? stackalloc byte[length] : rented.AsSpan(0, length);
            prefix.CopyTo(href);
            id.TryFormat(href[prefix.Length..], out _, "D");
            writer.WriteStartObject();
            writer.WriteString(Href, href);
            writer.WriteString(Rel, rel);
            writer.WriteEndObject();
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
