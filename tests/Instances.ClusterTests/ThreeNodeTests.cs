using Instances.ClusterTests.Infrastructure;
using Xunit.Abstractions;

namespace Instances.ClusterTests;

/// <summary>Three nodes on one database behave as one service: any node answers for any instance.</summary>
[Collection(ProcessClusters.Name)]
public sealed class ThreeNodeTests(ITestOutputHelper output)
{
    private const int Count = 30;

    [SkippableFact]
    public async Task AnInstanceCreatedThroughOneNodeIsVisibleAndControllableThroughTheOthers()
    {
        await using var cluster = await LocalCluster.StartAsync(3);
        var (one, two, three) = (cluster.Nodes[0].Client, cluster.Nodes[1].Client, cluster.Nodes[2].Client);

        var uuids = await one.CreateInstancesAsync(Count, "spread");
        var uuid = uuids[0];

        foreach (var (node, name) in new[] { (two, "node-2"), (three, "node-3") })
        {
            var shown = await node.GetAsync($"/v1/instances/{uuid}");
            Assert.Equal(200, shown.Status);
            Assert.Equal(name, shown.Headers[NodeHeader]);
        }

        var missing = await three.GetAsync($"/v1/instances/{Guid.NewGuid()}");
        Assert.Equal(404, missing.Status);
        Assert.Equal("node-3", missing.Headers[NodeHeader]);

        await Eventually.MatchAsync(async () => (await three.StatesAsync(uuid)).GetProperty("status").GetString(), s => s == "active");
        var accepted = await two.PutAsync($"/v1/instances/{uuid}/states/power", new { target = "off" });
        Assert.True(accepted.Status == 202, accepted.ToString());
        await Eventually.MatchAsync(async () => (await three.StatesAsync(uuid)).GetProperty("status").GetString(), s => s == "stopped");

        // Links name the node that answered; the instances and their states must be the same everywhere.
        var lists = await Task.WhenAll(cluster.Nodes.Select(n => Eventually.MatchAsync(
            async () => string.Join("\n", (await n.Client.GetAsync("/v1/instances/detail?limit=1000")).Json.GetProperty("instances").EnumerateArray()
                .Select(i => $"{i.GetProperty("uuid").GetString()} {i.GetProperty("status").GetString()} {i.GetProperty("power_state").GetString()}")),
            text => text.Split('\n').Count(line => line.EndsWith(" active power on", StringComparison.Ordinal)) == Count - 1
                && text.Contains($"{uuid} stopped power off", StringComparison.Ordinal))));
        Assert.All(lists, list => Assert.Equal(lists[0], list));
        Assert.All(uuids, u => Assert.Contains(u, lists[0], StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task InstanceGrainsSpreadOverEveryNode()
    {
        await using var cluster = await LocalCluster.StartAsync(3);
        await using var locator = await GrainLocator.ConnectAsync(cluster.ConnectionString);

        // Orleans places by the activation counts the silos publish to each other about once a second;
        // until node-1 has the others' counts it places locally (a CI run had the first 30 all on
        // node-1). So instances are created in batches until every node hosts some, within a deadline.
        var uuids = new List<string>();
        var perNode = await Eventually.MatchAsync(
            async () =>
            {
                uuids.AddRange(await cluster.Nodes[0].Client.CreateInstancesAsync(Batch, "placed"));
                var hosts = await locator.InstanceHostsAsync();
                var counts = cluster.Nodes.Select(n => uuids.Count(u => hosts.GetValueOrDefault(Guid.Parse(u)) == n.SiloPort)).ToArray();
                return (Counts: counts, Text: $"{uuids.Count} created, hosted per node: {string.Join(" / ", counts)}");
            },
            spread => spread.Counts.All(n => n > 0),
            TimeSpan.FromSeconds(60));
        output.WriteLine($"Instance grains created through node-1: {perNode.Text}");

        Assert.Equal(uuids.Count, perNode.Counts.Sum());
    }

    private const int Batch = 10;

    private const string NodeHeader = "x-instances-node";
}
