using System.Diagnostics;
using System.Text.Json;
using Xunit.Abstractions;

namespace Instances.StorageTests.EndToEnd;

/// <summary>
/// Accepted operations survive the process: 50 instances, power transitions in flight, then the
/// server is killed (<c>kill -9</c>) or stopped (SIGTERM) and started again on the same database.
/// Every instance must still be there and every accepted transition must reach its stable state.
/// Progress is read from the list (the projection), which activates no grain, so recovery is the
/// reminder's doing, with the default reminder period.
/// </summary>
public abstract class CrashRecoveryContract(ITestOutputHelper output)
{
    private const int Count = 50;

    /// <summary>The storage mode and a connection string of a fresh, empty database.</summary>
    protected abstract Task<(string Storage, string ConnectionString)> DatabaseAsync();

    protected async Task KilledMidTransitionAsync() => await InterruptedMidTransitionAsync(server => server.KillAsync(), "kill -9");

    protected async Task StoppedMidTransitionAsync() => await InterruptedMidTransitionAsync(server => server.StopGracefullyAsync(), "SIGTERM");

    /// <summary>
    /// A graceful stop gives up driver steps in flight instead of waiting for them: with power changes
    /// that take 10 minutes, the process must still stop without an error (before, the host's 30 s
    /// shutdown limit cancelled Orleans' stop half-way: "Error stopping reminder service"), and the
    /// transitions complete after the restart.
    /// </summary>
    protected async Task StoppedDuringLongDriverStepsAsync() => await InterruptedMidTransitionAsync(
        async server =>
        {
            var stopping = Stopwatch.StartNew();
            var exitCode = await server.StopGracefullyAsync();
            output.WriteLine($"SIGTERM to exit: {stopping.Elapsed.TotalSeconds:F1} s");
            var errors = server.Output.Split('\n').Where(line => line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal));
            Assert.True(exitCode == 0 && !errors.Any(), $"The server did not stop cleanly (exit code {exitCode}):\n{server.Output}");
        },
        "SIGTERM during 10-minute power changes",
        powerDuration: "00:10:00",
        restart: new Dictionary<string, string> { ["Driver:Simulated:PowerDuration"] = "00:00:00.100" });

    private async Task InterruptedMidTransitionAsync(
        Func<ServerProcess, Task> interrupt, string how, string powerDuration = "00:00:03", IReadOnlyDictionary<string, string>? restart = null)
    {
        var (storage, connectionString) = await DatabaseAsync();
        var settings = ServerProcess.FastSettings(storage, connectionString);
        settings.Remove("Instances:ReminderPeriod"); // the shipped default is what must meet the 30 s goal
        settings["Driver:Simulated:PowerDuration"] = powerDuration; // still running when the process goes
        await using var server = new ServerProcess(settings);
        await server.StartAsync();
        var api = server.Client;

        var uuids = await api.CreateInstancesAsync(Count, "crash");

        await WaitForListAsync(api, items => items.Count(i => Is(i, "status", "active")) == Count, TimeSpan.FromSeconds(60));

        foreach (var uuid in uuids)
        {
            var accepted = await api.PutAsync($"/v1/instances/{uuid}/states/power", new { target = "off" });
            Assert.True(accepted.Status == 202, accepted.ToString());
        }

        var inFlight = await api.GetAsync("/v1/instances/detail?limit=1000");
        Assert.Contains("powering-off", inFlight.Text, StringComparison.Ordinal);
        await interrupt(server);

        var restarted = Stopwatch.StartNew();
        await server.StartAsync(restart);
        var ready = restarted.Elapsed;
        var items = await WaitForListAsync(api, items => items.Count(i => Is(i, "status", "stopped")) == Count, TimeSpan.FromSeconds(30) + ready);
        output.WriteLine($"{storage}, {how}: ready {ready.TotalSeconds:F1} s after restart; all {Count} interrupted transitions complete {restarted.Elapsed.TotalSeconds:F1} s after restart");

        Assert.Equal(uuids.Order(StringComparer.Ordinal), items.Select(i => i.GetProperty("uuid").GetString()!).Order(StringComparer.Ordinal));
        foreach (var uuid in uuids)
        {
            var states = await api.StatesAsync(uuid);
            Assert.Equal("stopped", states.GetProperty("status").GetString());
            Assert.Equal("power off", states.GetProperty("power_state").GetString());
            Assert.Equal(JsonValueKind.Null, states.GetProperty("target_power_state").ValueKind);
        }
    }

    private static bool Is(JsonElement item, string property, string value) => item.GetProperty(property).GetString() == value;

    private static async Task<List<JsonElement>> WaitForListAsync(RestClient api, Func<List<JsonElement>, bool> done, TimeSpan within)
    {
        return await Eventually.MatchAsync(
            async () =>
            {
                var response = await api.GetAsync("/v1/instances/detail?limit=1000");
                return response.Status == 200 ? response.Json.GetProperty("instances").EnumerateArray().ToList() : [];
            },
            done,
            within);
    }
}
