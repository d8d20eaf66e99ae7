using System.Text.Json.Serialization;

namespace Instances.Server.Wire;

/// <summary>
/// A page of instances; <c>next</c> only when more remain. Items are <see cref="InstanceSummaryBody"/>,
/// <see cref="InstanceBody"/> (detail) or a <c>fields=</c> projection, serialised by their runtime type.
/// </summary>
public sealed record InstanceListBody(
    IReadOnlyList<object> Instances,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Next);
