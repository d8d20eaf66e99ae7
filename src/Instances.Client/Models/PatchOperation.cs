using System.Text.Json.Nodes;

namespace Instances.Client.Models;

/// <summary>One RFC 6902 operation of an instance update (<c>add</c>, <c>replace</c>, <c>remove</c>).</summary>
public sealed record PatchOperation(string Op, string Path, JsonNode? Value = null)
{
    public static PatchOperation Replace(string path, string value) => new("replace", path, JsonValue.Create(value));

    public static PatchOperation Add(string path, string value) => new("add", path, JsonValue.Create(value));

    public static PatchOperation Remove(string path) => new("remove", path);
}
