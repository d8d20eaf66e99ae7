using System.Globalization;
using Instances.Client.Models;

namespace Instances.LoadTest;

/// <summary>Drive, then verify, then report: the <c>drive</c> command (and the second half of <c>run</c>).</summary>
public static class LoadRun
{
    public static async Task<LoadReport> DriveAsync(DriveSettings settings, IReadOnlyList<Instance> instances, TextWriter log, CancellationToken cancellationToken)
    {
        var metrics = new RunMetrics(settings.WarmUp);
        using var clients = new ClientPool(settings.Urls, settings.ClientOptions((status, _) => metrics.RecordRetry(status)));
        var pool = new InstancePool(instances.Select(i => (i.Uuid, i.PowerState != "power off")));
        var driver = new PowerDriver(clients, pool, settings.Mix, metrics);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (settings.Duration is { } duration)
        {
            stop.CancelAfter(settings.WarmUp + duration);
        }

        var started = metrics.Elapsed;
        var run = settings.Rate is { } rate
            ? driver.RunOpenAsync(rate, settings.MaxInFlight, settings.Count + (long)Math.Ceiling(settings.WarmUp.TotalSeconds * rate), stop.Token)
            : driver.RunClosedAsync(settings.Workers, settings.Count, stop.Token);
        using (var progress = new ProgressLine(log))
        {
            long lastCount = 0;
            while (await Task.WhenAny(run, Task.Delay(1000, CancellationToken.None)) != run)
            {
                var count = metrics.AcceptedCount;
                var p99 = metrics.AcceptLatency.PercentileMs(99);
                progress.Show(string.Create(CultureInfo.InvariantCulture,
                    $"{metrics.Elapsed.TotalSeconds,6:0}s  {(metrics.WarmingUp ? "warming up  " : "")}{count - lastCount,6} ops/s  accepted {count}  busy {metrics.Count(409)}  errors {metrics.Errors}  retries {metrics.Retries}  p99 {p99:0.0} ms"));
                lastCount = count;
            }

            await run;
        }

        // The measured part; a drive cancelled during its warm-up measured nothing (and divides by no zero).
        var driveTime = TimeSpan.FromTicks(Math.Max((metrics.Elapsed - started - settings.WarmUp).Ticks, TimeSpan.TicksPerMillisecond));
        var accepted = metrics.Accepted;
        await log.WriteLineAsync($"Drive done: {accepted.Count} accepted in {driveTime.TotalSeconds:0.0} s; verifying {accepted.Select(a => a.Instance).Distinct().Count()} instances...");
        IReadOnlyDictionary<Guid, InstanceObservation> observed;
        using (var progress = new ProgressLine(log))
        {
            var touched = accepted.Select(a => a.Instance).Distinct().ToList();
            observed = await Observer.ObserveAsync(clients, touched, settings.VerifyTimeout,
                new Progress<int>(n => progress.Show(ProgressLine.Bar(n, touched.Count, "verified"))), cancellationToken);
        }

        var verification = Verifier.Judge(accepted, observed);
        var report = LoadReport.Build(settings, instances.Count, metrics, driveTime, verification);
        Directory.CreateDirectory(settings.Output);
        await ReportWriter.WriteJsonAsync(report, Path.Combine(settings.Output, "report.json"), cancellationToken);
        if (settings.Plot)
        {
            Plots.LatencyOverTime(report, Path.Combine(settings.Output, "latency-over-time.png"));
            Plots.Percentiles(metrics.AcceptLatency.Snapshot(), verification.CompletionLatency, Path.Combine(settings.Output, "latency-percentiles.png"));
        }

        return report;
    }
}
