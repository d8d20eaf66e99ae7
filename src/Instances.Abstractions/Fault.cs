namespace Instances.Abstractions;

/// <summary>Why an instance went to <c>error</c>.</summary>
[GenerateSerializer, Immutable, Alias("instances.fault.v1")]
public sealed record Fault(
    [property: Id(0)] int Code,
    [property: Id(1)] string Message,
    [property: Id(2)] DateTimeOffset CreatedAt);
