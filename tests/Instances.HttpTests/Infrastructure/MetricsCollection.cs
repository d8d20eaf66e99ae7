namespace Instances.HttpTests.Infrastructure;

/// <summary>
/// Tests that read exact metric values run alone. Our own meter is scoped to its host (see
/// <c>TelemetryHostingExtensions</c>; <c>MetricsTests</c> checks it), but ASP.NET Core's and Orleans'
/// meters are still listened to by name across the process, and these tests start hosts of their own.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "metrics";
}
