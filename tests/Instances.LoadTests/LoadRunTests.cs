using System.CommandLine;
using Instances.LoadTest;

namespace Instances.LoadTests;

/// <summary>Short runs of the tool against a real server: correctness (nothing lost, no 5xx), not speed.</summary>
[Collection(ServerCollection.Name)]
public sealed class LoadRunTests(ServerFactory server)
{
    private DriveSettings Settings(string project) => new()
    {
        Urls = [server.BaseAddress, server.BaseAddress],
        Project = project,
        Instances = 16,
        Workers = 8,
        Duration = TimeSpan.FromSeconds(2),
        VerifyTimeout = TimeSpan.FromSeconds(30),
        Mix = PowerMix.Parse("off=2,reboot=1,soft_off=1,soft_reboot=1"),
        Output = Path.Combine(Path.GetTempPath(), "loadtests-" + Guid.NewGuid().ToString("N")),
    };

    private static async Task<LoadReport> RunAsync(DriveSettings settings)
    {
        using var clients = new ClientPool(settings.Urls, settings.ClientOptions());
        var instances = await Setup.EnsureInstancesAsync(clients, settings.Instances, TimeSpan.FromSeconds(30), TextWriter.Null, CancellationToken.None);
        Assert.Equal(settings.Instances, instances.Count);
        return await LoadRun.DriveAsync(settings, instances, TextWriter.Null, CancellationToken.None);
    }

    private static void AssertNothingLostAndNo5xx(LoadReport report)
    {
        Assert.True(report.Accepted > 0, ReportWriter.Table(report));
        Assert.True(report.Lost == 0, ReportWriter.Table(report));
        Assert.DoesNotContain(report.StatusCounts.Keys, k => k.StartsWith('5') || k.StartsWith("retried 5", StringComparison.Ordinal) || k == "0");
        Assert.Equal(report.Accepted, report.Completed + report.Failed + report.Unverifiable);
    }

    [Fact]
    public async Task AClosedModelRunLosesNothingAndSeesNo5xx()
    {
        var settings = Settings("load-closed");

        var report = await RunAsync(settings);

        AssertNothingLostAndNo5xx(report);
        Assert.True(File.Exists(Path.Combine(settings.Output, "report.json")));
        Assert.True(new FileInfo(Path.Combine(settings.Output, "latency-over-time.png")).Length > 0);
        Assert.True(new FileInfo(Path.Combine(settings.Output, "latency-percentiles.png")).Length > 0);
    }

    [Fact]
    public async Task AnOpenModelRunLosesNothingAndSeesNo5xx()
    {
        var settings = Settings("load-open") with { Rate = 60, Duration = null, Count = 120, Plot = false };

        var report = await RunAsync(settings);

        AssertNothingLostAndNo5xx(report);
        Assert.Equal(120, report.Accepted + report.Busy + report.Skipped + report.Errors);
    }

    [Fact]
    public async Task AWarmedUpRunMeasuresOnlyWhatFollowsTheWarmUpAndStillVerifiesEverything()
    {
        var settings = Settings("load-warm") with { WarmUp = TimeSpan.FromSeconds(1), Duration = TimeSpan.FromSeconds(1), Plot = false };

        var report = await RunAsync(settings);

        AssertNothingLostAndNo5xx(report);
        Assert.Equal(1, report.WarmUpSeconds);
        Assert.Equal(report.Accepted + report.WarmUpAccepted, report.StatusCounts["202"]);
        Assert.Equal(report.Accepted, report.AcceptLatencyMs.Count);
    }

    [Fact]
    public async Task TheCommandLineSetsUpDrivesAndExitsZero()
    {
        var output = Path.Combine(Path.GetTempPath(), "loadtests-cli-" + Guid.NewGuid().ToString("N"));
        var url = server.BaseAddress.ToString();

        // An exception fails the test with itself, rather than as the exit code 1 the CLI would print it with.
        var invocation = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
        var setup = await Commands.Build().Parse(["setup", "-u", url, "--project", "load-cli", "-n", "6"]).InvokeAsync(invocation);
        var drive = await Commands.Build().Parse(
            ["drive", "-u", url, "--project", "load-cli", "-n", "6", "-w", "3", "-c", "20", "--mix", "reboot", "-o", output, "--no-plot"]).InvokeAsync(invocation);

        Assert.Equal(0, setup);
        Assert.Equal(0, drive);
        Assert.True(File.Exists(Path.Combine(output, "report.json")));
    }
}
