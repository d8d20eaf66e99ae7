using Instances.StorageTests.EndToEnd;

namespace Instances.IronicTests;

/// <summary>Driver settings that cannot work stop the server at start, with one line naming the key (exit code 3).</summary>
public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("Driver:Kind", "Hardware", "Driver:Kind")]
    [InlineData("Driver:Ironic:Endpoint", "not a url", "Driver:Ironic:Endpoint")]
    [InlineData("Driver:Ironic:PollInterval", "00:00:00", "Driver:Ironic:PollInterval")]
    [InlineData("Driver:Ironic:RequestTimeout", "soon", "Driver:Ironic")]
    public async Task A_bad_driver_setting_refuses_to_start_naming_the_key(string key, string value, string named)
    {
        var directory = Directory.CreateTempSubdirectory("instances-ironic-config-");
        try
        {
            var settings = ServerProcess.FastSettings("Sqlite", $"Data Source={Path.Combine(directory.FullName, "instances.db")}");
            settings["Driver:Kind"] = "Ironic";
            settings["Driver:Ironic:Endpoint"] = "http://127.0.0.1:6385";
            settings[key] = value;
            await using var server = new ServerProcess(settings);

            server.Start();

            Assert.Equal(3, await server.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains($"Instances cannot start: {named}", server.Output, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
