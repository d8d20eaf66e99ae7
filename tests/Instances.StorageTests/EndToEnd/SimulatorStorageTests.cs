using System.Globalization;
using Instances.StorageTests.Databases;

namespace Instances.StorageTests.EndToEnd;

/// <summary>
/// <c>Driver:Simulated:PersistNodes</c>: the simulated BMCs' state is in the database by default
/// (it survives restarts like a real machine's), and only in memory when benchmarks turn it off.
/// </summary>
public sealed class SimulatorStorageTests
{
    [SkippableTheory]
    [InlineData(null, 1)]
    [InlineData("false", 0)]
    public async Task SimulatedNodesAreStoredUnlessPersistNodesIsOff(string? persistNodes, long storedNodes)
    {
        var database = await PostgresServer.SharedAsync();
        var connectionString = await database.CreateDatabaseAsync();
        var settings = ServerProcess.FastSettings("PostgreSQL", connectionString);
        if (persistNodes is not null)
        {
            settings["Driver:Simulated:PersistNodes"] = persistNodes;
        }

        await using var server = new ServerProcess(settings);
        await server.StartAsync();
        var uuid = (await server.Client.CreateInstancesAsync(1, "simulator"))[0];
        await Eventually.MatchAsync(async () => (await server.Client.StatesAsync(uuid)).GetProperty("status").GetString(), s => s == "active");
        Assert.Equal(202, (await server.Client.PutAsync($"/v1/instances/{uuid}/states/power", new { target = "off" })).Status);
        await Eventually.MatchAsync(async () => (await server.Client.StatesAsync(uuid)).GetProperty("status").GetString(), s => s == "stopped");

        using var backend = new PostgresBackend();
        async Task<long> RowsAsync(string state) => Convert.ToInt64(
            await backend.ScalarAsync(connectionString, $"SELECT COUNT(*) FROM orleans_grain_state WHERE state_name = '{state}'"), CultureInfo.InvariantCulture);
        Assert.Equal(1, await RowsAsync("instance"));
        Assert.Equal(storedNodes, await RowsAsync("simulated-node"));
    }
}
