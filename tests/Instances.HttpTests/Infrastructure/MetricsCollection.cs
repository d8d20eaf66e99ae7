namespace Instances.HttpTests.Infrastructure;

/// <summary>
/// Tests that read exact metric values run alone: OpenTelemetry listens to every meter of a name in
/// the process, so another test's host running beside would add its measurements to the scrape.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "metrics";
}
