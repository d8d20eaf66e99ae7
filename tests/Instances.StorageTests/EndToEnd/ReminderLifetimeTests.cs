using System.Globalization;
using System.Text.Json;
using Instances.StorageTests.Databases;

namespace Instances.StorageTests.EndToEnd;

/// <summary>
/// An operation's reminder outlives its completion on purpose (the next accept reuses it), but not
/// for long: the third tick in a row that finds nothing pending removes it, so idle instances hold no
/// reminder at all — the power sync is one sweep with one reminder for the whole cluster.
/// </summary>
public sealed class ReminderLifetimeTests
{
    [SkippableFact]
    public async Task RemindersOfFinishedOperationsAreGoneWithinAFewReminderPeriods()
    {
        var (process, connectionString) = await PostgresServerProcess.OnNewDatabaseAsync(); // 2 s reminder period
        await using var server = process;
        await server.StartAsync();
        var api = server.Client;
        var uuids = await api.CreateInstancesAsync(5, "reminders");
        foreach (var uuid in uuids)
        {
            await Eventually.MatchAsync(async () => (await api.StatesAsync(uuid)).GetProperty("status").GetString(), s => s == "active");
            Assert.Equal(202, (await api.PutAsync($"/v1/instances/{uuid}/states/power", new { target = "off" })).Status);
        }

        foreach (var uuid in uuids)
        {
            var states = await Eventually.MatchAsync(() => api.StatesAsync(uuid), s => s.GetProperty("status").GetString() == "stopped");
            Assert.Equal(JsonValueKind.Null, states.GetProperty("target_power_state").ValueKind);
        }

        using var backend = new PostgresBackend();
        async Task<long> CountAsync(string name) => Convert.ToInt64(
            await backend.ScalarAsync(connectionString, $"SELECT COUNT(*) FROM orleans_reminder WHERE reminder_name = '{name}'"), CultureInfo.InvariantCulture);
        await Eventually.MatchAsync(() => CountAsync("operation"), count => count == 0, TimeSpan.FromSeconds(30));
        Assert.Equal(0, await CountAsync("power-sync"));
        Assert.Equal(1, await CountAsync("power-sync-sweep"));

        foreach (var uuid in uuids)
        {
            Assert.Equal(204, (await api.DeleteAsync($"/v1/instances/{uuid}")).Status);
        }

        await Eventually.MatchAsync(async () => (await CountAsync("operation"), await CountAsync("power-sync-sweep")), counts => counts == (0, 1), TimeSpan.FromSeconds(30));
    }
}
