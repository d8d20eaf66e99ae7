using System.Globalization;
using Instances.StorageTests.Databases;

namespace Instances.StorageTests.EndToEnd;

/// <summary>
/// The power sync on PostgreSQL: one sweep with one reminder reads every instance of the projection
/// table and corrects only the instance whose machine changed behind the service's back.
/// </summary>
public sealed class PowerSyncSweepTests
{
    [SkippableFact]
    public async Task TheSweepCorrectsOnlyTheInstanceWhoseMachineChanged()
    {
        var (process, connectionString) = await PostgresServerProcess.OnNewDatabaseAsync(new Dictionary<string, string> { ["Instances:PowerSyncInterval"] = "00:00:01" });
        await using var server = process;
        await server.StartAsync();
        var api = server.Client;
        var uuids = await api.CreateInstancesAsync(3, "sweep");
        foreach (var uuid in uuids)
        {
            await Eventually.MatchAsync(async () => (await api.StatesAsync(uuid)).GetProperty("status").GetString(), s => s == "active");
        }

        var nodes = (await api.GetAsync("/v1/simulator/zones/zone-a/nodes")).Json.GetProperty("nodes");
        var node = nodes.EnumerateArray().Single(n => n.GetProperty("instance_uuid").GetString() == uuids[0]).GetProperty("node").GetString();
        Assert.Equal(200, (await api.PutAsync($"/v1/simulator/nodes/{node}/power", new { power_state = "power off" })).Status);

        var stopped = await Eventually.MatchAsync(() => api.StatesAsync(uuids[0]), s => s.GetProperty("status").GetString() == "stopped", TimeSpan.FromSeconds(20));
        Assert.Equal("power off", stopped.GetProperty("power_state").GetString());
        async Task<List<string?>> ActionsAsync(string uuid) =>
            (await api.GetAsync($"/v1/instances/{uuid}/actions")).Json.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("action").GetString()).ToList();
        Assert.Equal(["power sync", "create"], await ActionsAsync(uuids[0]));

        // The others were read by the same sweeps and left alone.
        foreach (var uuid in uuids.Skip(1))
        {
            Assert.Equal("active", (await api.StatesAsync(uuid)).GetProperty("status").GetString());
            Assert.Equal(["create"], await ActionsAsync(uuid));
        }

        using var backend = new PostgresBackend();
        async Task<long> RemindersAsync(string name) => Convert.ToInt64(
            await backend.ScalarAsync(connectionString, $"SELECT COUNT(*) FROM orleans_reminder WHERE reminder_name = '{name}'"), CultureInfo.InvariantCulture);
        Assert.Equal(1, await RemindersAsync("power-sync-sweep"));
        Assert.Equal(0, await RemindersAsync("power-sync"));
    }
}
