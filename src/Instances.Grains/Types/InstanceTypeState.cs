using Instances.Abstractions;

namespace Instances.Grains.Types;

/// <summary>The persisted state of a type grain; no type exists while <see cref="Type"/> is null.</summary>
[GenerateSerializer, Alias("instances.instance-type-state.v1")]
public sealed class InstanceTypeState
{
    [Id(0)] public InstanceTypeSnapshot? Type { get; set; }
}
