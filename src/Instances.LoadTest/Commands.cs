using System.CommandLine;
using Instances.Client.Models;

namespace Instances.LoadTest;

/// <summary>The command line: <c>setup</c>, <c>drive</c> and <c>run</c> (both).</summary>
public static class Commands
{
    /// <summary>Exit code of a run that lost accepted operations.</summary>
    public const int LostOperations = 2;

    private static readonly Option<string[]> Urls = new("--url", "-u")
    {
        Description = "Base URL of a node; repeat for several (requests are spread round-robin).",
        DefaultValueFactory = _ => ["http://127.0.0.1:6688"],
        AllowMultipleArgumentsPerToken = true,
    };

    private static readonly Option<string> Project = new("--project") { Description = "Noauth project the instances belong to.", DefaultValueFactory = _ => "loadtest" };
    private static readonly Option<string?> Token = new("--token") { Description = "Bearer token (JWT mode) instead of noauth headers." };
    private static readonly Option<int> Instances = new("--instances", "-n") { Description = "How many instances to create (setup) or drive.", DefaultValueFactory = _ => 200 };
    private static readonly Option<int> Workers = new("--workers", "-w") { Description = "Closed model: concurrent workers.", DefaultValueFactory = _ => 32 };
    private static readonly Option<double?> Rate = new("--rate", "-r") { Description = "Open model: power requests per second, sent on schedule whatever the answers' speed." };
    private static readonly Option<int> MaxInFlight = new("--max-in-flight") { Description = "Open model: arrivals beyond this many unanswered requests are skipped (and counted).", DefaultValueFactory = _ => 10_000 };
    private static readonly Option<TimeSpan?> Duration = new("--duration", "-d") { Description = "How long to drive (e.g. 00:00:30). Default 30 s unless --count is given." };
    private static readonly Option<long?> Count = new("--count", "-c") { Description = "Stop after this many accepted operations (closed) or arrivals (open), after the warm-up." };
    private static readonly Option<TimeSpan> WarmUp = new("--warm-up") { Description = "Drive this long first without measuring (JIT, connection pools, caches); its operations are still verified and its answers counted by status.", DefaultValueFactory = _ => TimeSpan.Zero };
    private static readonly Option<string> Mix = new("--mix") { Description = "Targets for powered-on instances, weighted: off=2,reboot=1,soft_off=1,soft_reboot=0. Powered-off ones are powered on.", DefaultValueFactory = _ => PowerMix.Default.ToString() };
    private static readonly Option<TimeSpan> VerifyTimeout = new("--verify-timeout") { Description = "How long verification waits for accepted operations to finish (setup: for instances to build).", DefaultValueFactory = _ => TimeSpan.FromMinutes(2) };
    private static readonly Option<string> Output = new("--output", "-o") { Description = "Folder for report.json and the plots.", DefaultValueFactory = _ => "loadtest-results" };
    private static readonly Option<bool> NoPlot = new("--no-plot") { Description = "Skip the PNG plots." };

    public static RootCommand Build()
    {
        var setup = new Command("setup", "Create a type and instances (or reuse the project's) and wait until they are active.") { Urls, Project, Token, Instances, VerifyTimeout };
        setup.SetAction(async (parse, ct) =>
        {
            var settings = Settings(parse);
            using var clients = new ClientPool(settings.Urls, settings.ClientOptions());
            var ready = await Setup.EnsureInstancesAsync(clients, settings.Instances, settings.VerifyTimeout, Console.Error, ct);
            Console.WriteLine($"{ready.Count} instances ready in project {settings.Project}.");
            return 0;
        });

        var drive = new Command("drive", "Drive power changes on the project's instances, verify every accepted one finished, report.");
        var run = new Command("run", "setup, then drive.");
        foreach (var command in new[] { drive, run })
        {
            foreach (var option in new Option[] { Urls, Project, Token, Instances, Workers, Rate, MaxInFlight, Duration, WarmUp, Count, Mix, VerifyTimeout, Output, NoPlot })
            {
                command.Options.Add(option);
            }
        }

        drive.SetAction((parse, ct) => DriveAsync(Settings(parse), setupFirst: false, ct));
        run.SetAction((parse, ct) => DriveAsync(Settings(parse), setupFirst: true, ct));
        return new RootCommand("Load tests of the Instances API: many concurrent power operations, verified and reported.") { setup, drive, run };
    }

    private static async Task<int> DriveAsync(DriveSettings settings, bool setupFirst, CancellationToken ct)
    {
        using var clients = new ClientPool(settings.Urls, settings.ClientOptions());
        IReadOnlyList<Instance> instances = setupFirst
            ? await Setup.EnsureInstancesAsync(clients, settings.Instances, settings.VerifyTimeout, Console.Error, ct)
            : (await Setup.ListUsableAsync(clients, ct)).Where(i => i.TargetPowerState is null).Take(settings.Instances).ToList();
        if (instances.Count == 0)
        {
            await Console.Error.WriteLineAsync($"No usable instances in project {settings.Project}: run `setup` first.");
            return 1;
        }

        var report = await LoadRun.DriveAsync(settings, instances, Console.Error, ct);
        Console.Write(ReportWriter.Table(report));
        Console.WriteLine($"  written: {Path.GetFullPath(settings.Output)}/report.json{(settings.Plot ? ", latency-over-time.png, latency-percentiles.png" : "")}");
        return report.Lost == 0 ? 0 : LostOperations;
    }

    /// <summary>A base URL with the trailing slash relative paths need.</summary>
    public static Uri BaseUri(string url) => new(url.EndsWith('/') ? url : url + "/", UriKind.Absolute);

    private static DriveSettings Settings(ParseResult parse)
    {
        var count = parse.GetValue(Count);
        return new DriveSettings
        {
            Urls = parse.GetValue(Urls)!.Select(BaseUri).ToList(),
            Project = parse.GetValue(Project)!,
            Token = parse.GetValue(Token),
            Instances = parse.GetValue(Instances),
            Workers = parse.GetValue(Workers),
            Rate = parse.GetValue(Rate),
            MaxInFlight = parse.GetValue(MaxInFlight),
            Duration = parse.GetValue(Duration) ?? (count is null ? TimeSpan.FromSeconds(30) : null),
            WarmUp = parse.GetValue(WarmUp),
            Count = count,
            Mix = parse.GetValue(Mix) is { } mix ? PowerMix.Parse(mix) : PowerMix.Default, // setup has no --mix
            VerifyTimeout = parse.GetValue(VerifyTimeout),
            Output = parse.GetValue(Output) ?? "loadtest-results",
            Plot = !parse.GetValue(NoPlot),
        };
    }
}
