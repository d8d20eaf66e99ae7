namespace Instances.Client.Models;

/// <summary>One page of a list; <see cref="Next"/> (an absolute URL) only when more remain.</summary>
public sealed record InstancePage(IReadOnlyList<Instance> Instances, string? Next);
