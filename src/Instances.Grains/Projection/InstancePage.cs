using Instances.Abstractions;

namespace Instances.Grains.Projection;

/// <summary>A page of a list: at most the query's limit, and whether more remain after it.</summary>
[GenerateSerializer, Immutable, Alias("instances.instance-page.v1")]
public sealed record InstancePage(
    [property: Id(0)] IReadOnlyList<InstanceSnapshot> Items,
    [property: Id(1)] bool HasMore);
