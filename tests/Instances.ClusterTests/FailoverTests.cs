using System.Diagnostics;
using Instances.ClusterTests.Infrastructure;
using Xunit.Abstractions;

namespace Instances.ClusterTests;

/// <summary>
/// <c>kill -9</c> of the node hosting the most instance grains while their power transitions run
/// and a client keeps driving power operations through the other two nodes.
/// </summary>
[Collection(ProcessClusters.Name)]
public sealed class FailoverTests(ITestOutputHelper output)
{
    private const int Count = 30;
    private static readonly TimeSpan Goal = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LoadAfterKill = TimeSpan.FromSeconds(10);

    [SkippableFact]
    public async Task KillingTheHostingNodeMidTransitionLosesNothing()
    {
        var slowPower = new Dictionary<string, string> { ["Driver:Simulated:PowerDuration"] = "00:00:03" };
        await using var cluster = await LocalCluster.StartAsync(3, slowPower);
        var uuids = await cluster.Nodes[0].Client.CreateInstancesAsync(Count, "failover");
        await Eventually.MatchAsync(
            async () => (await cluster.Nodes[0].Client.GetAsync("/v1/instances/detail?limit=1000")).Json.GetProperty("instances").EnumerateArray().Count(i => i.GetProperty("status").GetString() == "active"),
            active => active == Count,
            TimeSpan.FromSeconds(60));

        await using var locator = await GrainLocator.ConnectAsync(cluster.ConnectionString);
        var hosts = await locator.InstanceHostsAsync();
        var victim = cluster.Nodes.MaxBy(n => hosts.Values.Count(port => port == n.SiloPort))!;
        var onVictim = uuids.Where(u => hosts.GetValueOrDefault(Guid.Parse(u)) == victim.SiloPort).ToList();
        var survivors = cluster.Nodes.Where(n => n != victim).Select(n => n.Client).ToList();
        var client = new BalancedClient(survivors);

        foreach (var uuid in uuids)
        {
            var accepted = await client.SendAsync(node => node.PutAsync($"/v1/instances/{uuid}/states/power", new { target = "off" }));
            Assert.True(accepted.Status == 202, accepted.ToString());
        }

        var clock = new Stopwatch();
        var load = new PowerLoad(client, uuids, clock);
        foreach (var uuid in uuids)
        {
            load.Promised[uuid] = "power off";
        }

        await victim.KillAsync();
        clock.Start();
        using var stop = new CancellationTokenSource(LoadAfterKill);
        await load.RunAsync(stop.Token);
        var allDone = await load.AllPromisesKeptAsync(Goal - clock.Elapsed);

        var firstOnVictim = load.Accepted.Where(a => onVictim.Contains(a.Uuid)).Select(a => a.At).DefaultIfEmpty(TimeSpan.MaxValue).Min();
        var firstRead = onVictim.Select(u => load.FirstRead.GetValueOrDefault(u, TimeSpan.MaxValue)).Min();
        var interruptedDone = onVictim.Select(u => load.FirstStable.GetValueOrDefault(u, TimeSpan.MaxValue)).Max();
        output.WriteLine(
            $"kill -9 of the node on port {victim.HttpPort} hosting {onVictim.Count} of {Count} instances mid power-off: " +
            $"first read of one of them through another node {Seconds(firstRead)}, first 202 through another node for one of them {Seconds(firstOnVictim)}, all interrupted transitions done {Seconds(interruptedDone)}, " +
            $"every accepted transition ({load.Accepted.Count + Count} in all) done {Seconds(allDone)} after the kill; " +
            $"statuses seen: {string.Join(", ", client.Seen.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}");

        Assert.NotEmpty(onVictim);
        Assert.Empty(load.Unexpected);
        Assert.All(client.Seen.Keys, status => Assert.Contains(status, new[] { 200, 202, 409, 503 }));
        Assert.True(allDone < Goal, $"accepted transitions took {allDone} after the kill");
        foreach (var uuid in uuids)
        {
            var shown = await client.SendAsync(node => node.GetAsync($"/v1/instances/{uuid}"));
            Assert.Equal(200, shown.Status);
        }
    }

    private static string Seconds(TimeSpan t) => t == TimeSpan.MaxValue ? "never" : $"{t.TotalSeconds:F1} s";
}
