namespace Instances.StorageTests.EndToEnd;

/// <summary>"dotnet run keeps instances across restarts with no setup": the default is a SQLite file under ./data.</summary>
public sealed class EmbeddedDefaultTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("instances-default-");

    [Fact]
    public async Task WithNoStorageSettingsInstancesSurviveARestartInDataInstancesDb()
    {
        var settings = new Dictionary<string, string> { ["Driver:Simulated:DeployDuration"] = "00:00:00.100" };
        string uuid;
        await using (var first = new ServerProcess(settings) { WorkingDirectory = _folder.FullName })
        {
            await first.StartAsync();
            Assert.Contains("storage: Sqlite (" + Path.Combine(_folder.FullName, "data", "instances.db") + ")", first.Output, StringComparison.Ordinal);
            uuid = (await first.Client.CreateInstancesAsync(1, "kept"))[0];
            await Eventually.MatchAsync(() => first.Client.StatesAsync(uuid), s => s.GetProperty("status").GetString() == "active");
            await first.StopGracefullyAsync();
        }

        Assert.True(File.Exists(Path.Combine(_folder.FullName, "data", "instances.db")));
        await using var second = new ServerProcess(settings) { WorkingDirectory = _folder.FullName };
        await second.StartAsync();
        var states = await second.Client.StatesAsync(uuid);
        Assert.Equal("active", states.GetProperty("status").GetString());
        Assert.Equal("power on", states.GetProperty("power_state").GetString());
        var list = await second.Client.GetAsync("/v1/instances");
        Assert.Contains(uuid, list.Text, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
