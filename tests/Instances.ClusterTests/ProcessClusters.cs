namespace Instances.ClusterTests;

/// <summary>
/// The cluster tests run one after another: each starts several server processes, and on a small
/// machine two clusters at once would measure CPU contention instead of failover.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessClusters
{
    public const string Name = "Process clusters";
}
