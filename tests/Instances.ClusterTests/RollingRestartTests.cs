using System.Diagnostics;
using Instances.ClusterTests.Infrastructure;
using Xunit.Abstractions;

namespace Instances.ClusterTests;

/// <summary>
/// Every node in turn is stopped with SIGTERM, started again and waited for, under a steady load of
/// power operations sent the way a load balancer would (next node on a refused connection, 503
/// retried after Retry-After).
/// </summary>
[Collection(ProcessClusters.Name)]
public sealed class RollingRestartTests(ITestOutputHelper output)
{
    private const int Count = 12;
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(250);

    [SkippableFact]
    public async Task RestartingEveryNodeInTurnUnderLoadFailsNoRequestAndLosesNoTransition()
    {
        await using var cluster = await LocalCluster.StartAsync(3);
        var uuids = await cluster.Nodes[0].Client.CreateInstancesAsync(Count, "rolling");
        var client = new BalancedClient(cluster.Nodes.Select(n => n.Client).ToList());
        var clock = Stopwatch.StartNew();
        var load = new PowerLoad(client, uuids, clock, Pace);
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(stop.Token);

        foreach (var node in cluster.Nodes)
        {
            var restart = Stopwatch.StartNew();
            await node.StopGracefullyAsync();
            var stopped = restart.Elapsed;
            await node.StartAsync();
            output.WriteLine($"node on port {node.HttpPort}: SIGTERM to exit {stopped.TotalSeconds:F1} s, to ready again {restart.Elapsed.TotalSeconds:F1} s");
            Assert.True(load.Unexpected.IsEmpty, string.Join("\n", load.Unexpected) + NodeErrors(cluster));
        }

        await stop.CancelAsync();
        await running;
        var loadEnded = clock.Elapsed;
        var allDone = await load.AllPromisesKeptAsync(TimeSpan.FromSeconds(30));
        output.WriteLine(
            $"rolling restart of 3 nodes under load: {load.Accepted.Count} power operations accepted in {loadEnded.TotalSeconds:F1} s, " +
            $"all complete {(allDone - loadEnded).TotalSeconds:F1} s after the load stopped; statuses seen: " +
            $"{string.Join(", ", client.Seen.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}; refused connections moved to the next node: {client.Unreachable}");

        Assert.True(load.Unexpected.IsEmpty, string.Join("\n", load.Unexpected) + NodeErrors(cluster));
        Assert.All(client.Seen.Keys, status => Assert.Contains(status, new[] { 200, 202, 409, 503 }));
        Assert.NotEmpty(load.Accepted);
    }

    /// <summary>What the nodes logged as failures, so an unexpected status comes with its cause.</summary>
    private static string NodeErrors(LocalCluster cluster) =>
        "\nnode errors:\n" + string.Join("\n", cluster.Nodes
            .SelectMany(node => node.Output.Split('\n'))
            .Where(line => line.Contains("fail:", StringComparison.Ordinal) || line.Contains("Exception", StringComparison.Ordinal))
            .Take(40));
}
