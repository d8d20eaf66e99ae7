using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Instances.Server.Wire;

/// <summary>A page of instances; <c>next</c> only when more remain.</summary>
public sealed record InstanceListBody(
    IReadOnlyList<JsonObject> Instances,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Next);
