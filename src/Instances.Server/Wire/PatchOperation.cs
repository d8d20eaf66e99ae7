using System.Text.Json;

namespace Instances.Server.Wire;

/// <summary>One RFC 6902 operation. <see cref="Value"/> is <c>Undefined</c> when absent and <c>Null</c> for JSON null.</summary>
public sealed class PatchOperation
{
    public string? Op { get; set; }
    public string? Path { get; set; }
    public JsonElement Value { get; set; }

    /// <summary>Accepted so a well-formed move/copy gets the "op not supported" answer, not "unknown field".</summary>
    public string? From { get; set; }
}
