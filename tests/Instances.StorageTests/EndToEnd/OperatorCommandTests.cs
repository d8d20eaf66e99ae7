using Instances.Storage.Migrations;
using Instances.StorageTests.Databases;
using Microsoft.Data.Sqlite;

namespace Instances.StorageTests.EndToEnd;

/// <summary>The operator's side of the binary: <c>migrate</c>, <c>rebuild-projection</c>, and refusing a newer schema.</summary>
public sealed class OperatorCommandTests : IDisposable
{
    private readonly List<SqliteDatabase> _files = [];

    [Fact]
    public async Task MigrateAppliesEveryStepOnceThenReportsUpToDate()
    {
        var settings = await SqliteSettingsAsync();

        var first = await ServerProcess.RunCommandAsync("migrate", settings);
        var second = await ServerProcess.RunCommandAsync("migrate", settings);

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains($"applied migration(s) {AllSteps("sqlite")}", first.Output, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Contains($"schema is up to date at version {Newest("sqlite")}", second.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task MigrateWorksOnPostgres()
    {
        var postgres = await PostgresServer.SharedAsync();
        var settings = new Dictionary<string, string>
        {
            ["Instances:Storage"] = "PostgreSQL",
            ["ConnectionStrings:Instances"] = await postgres.CreateDatabaseAsync(),
        };

        var result = await ServerProcess.RunCommandAsync("migrate", settings);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("PostgreSQL (127.0.0.1:", result.Output, StringComparison.Ordinal);
        Assert.Contains($"applied migration(s) {AllSteps("postgres")}", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheServerRefusesToStartOnANewerSchemaAndSaysWhy()
    {
        var settings = await SqliteSettingsAsync();
        Assert.Equal(0, (await ServerProcess.RunCommandAsync("migrate", settings)).ExitCode);
        await ExecuteAsync(settings, "INSERT INTO instances_schema_version (version, name, applied_at) VALUES (99, 'from_a_newer_build', 'later')");

        var migrate = await ServerProcess.RunCommandAsync("migrate", settings);
        await using var server = new ServerProcess(settings);
        server.Start();
        var exitCode = await server.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, migrate.ExitCode);
        Assert.Contains("schema is at version 99", migrate.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, exitCode);
        Assert.Contains($"schema is at version 99, but this build of Instances only knows versions up to {Newest("sqlite")}", server.Output, StringComparison.Ordinal);
    }

    /// <summary>"1, 2, 3…": every migration this build carries for the database, as the command lists them.</summary>
    private static string AllSteps(string folder) => string.Join(", ", Migration.For(folder).Select(m => m.Version));

    private static int Newest(string folder) => Migration.For(folder)[^1].Version;

    [Fact]
    public async Task RebuildProjectionRefillsTheListFromGrainState()
    {
        var settings = await SqliteSettingsAsync();
        List<string> uuids;
        await using (var server = new ServerProcess(settings))
        {
            await server.StartAsync();
            uuids = await server.Client.CreateInstancesAsync(3, "rebuild");

            await Eventually.MatchAsync(() => server.Client.GetAsync("/v1/instances"), r => r.Json.GetProperty("instances").EnumerateArray().All(i => i.GetProperty("status").GetString() == "active"));
            await server.StopGracefullyAsync();
        }

        // A damaged projection: rows lost, a stranger added.
        await ExecuteAsync(settings, "DELETE FROM instance_summaries WHERE uuid = '" + uuids[0] + "'");
        await ExecuteAsync(settings, "UPDATE instance_summaries SET name = 'wrong', version = 999 WHERE uuid = '" + uuids[1] + "'");
        await ExecuteAsync(settings, "INSERT INTO instance_summaries SELECT '00000000-0000-0000-0000-000000000001', project_id, name, status, power_state, availability_zone, instance_type_uuid, locked, created_at_ticks, updated_at_ticks, version, snapshot FROM instance_summaries LIMIT 1");

        var rebuild = await ServerProcess.RunCommandAsync("rebuild-projection", settings);

        Assert.True(rebuild.ExitCode == 0, rebuild.Output);
        Assert.Contains("the list projection now holds 3 instance(s)", rebuild.Output, StringComparison.Ordinal);
        await using var restarted = new ServerProcess(settings);
        await restarted.StartAsync();
        var list = (await restarted.Client.GetAsync("/v1/instances?sort_key=name&sort_dir=asc")).Json.GetProperty("instances").EnumerateArray().ToList();
        Assert.Equal(uuids, list.Select(i => i.GetProperty("uuid").GetString()!));
        Assert.Equal(["rebuild-0", "rebuild-1", "rebuild-2"], list.Select(i => i.GetProperty("name").GetString()!));
        Assert.All(list, i => Assert.Equal("active", i.GetProperty("status").GetString()));
    }

    private async Task<Dictionary<string, string>> SqliteSettingsAsync()
    {
        var file = await SqliteDatabase.CreateAsync();
        _files.Add(file);
        return ServerProcess.FastSettings("Sqlite", $"Data Source={file.FilePath}");
    }

    private static async Task ExecuteAsync(Dictionary<string, string> settings, string sql)
    {
        await using var connection = new SqliteConnection(settings["ConnectionStrings:Instances"] + ";Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public void Dispose() => _files.ForEach(f => f.Dispose());
}
