using System.Globalization;
using System.Text;
using System.Text.Json;
using Instances.Client;

namespace Instances.LoadTest;

/// <summary>The report as a table on the console and as <c>report.json</c>.</summary>
public static class ReportWriter
{
    private static readonly JsonSerializerOptions Indented = new(ClientJson.Options) { WriteIndented = true };

    public static string Table(LoadReport r)
    {
        var s = new StringBuilder();
        void Row(string name, string value) => s.Append(CultureInfo.InvariantCulture, $"  {name,-28} {value}\n");
        static string Lat(LatencySummary l) => string.Create(CultureInfo.InvariantCulture,
            $"p50 {l.P50,8:0.00}  p90 {l.P90,8:0.00}  p99 {l.P99,8:0.00}  p99.9 {l.P999,8:0.00}  max {l.Max,8:0.00} ms  (n={l.Count})");

        s.Append("Load test report\n");
        Row("model", r.Model == "open" ? $"open, {r.Rate} arrivals/s" : $"closed, {r.Workers} workers");
        Row("targets", $"{string.Join(' ', r.Urls)}; {r.Instances} instances; mix {r.Mix}");
        Row("drive", r.WarmUpSeconds > 0
            ? $"{r.DriveSeconds:0.0} s measured after a {r.WarmUpSeconds:0.#} s warm-up ({r.WarmUpAccepted} accepted then: verified, not measured)"
            : $"{r.DriveSeconds:0.0} s");
        Row("accepted", $"{r.Accepted}  ({r.AcceptedPerSecond:0.0} ops/s)");
        Row("completed transitions", $"{r.Completed}  ({r.CompletedPerSecond:0.0} /s, first accept to last completion)");
        Row("failed / lost / unverifiable", $"{r.Failed} / {r.Lost} / {r.Unverifiable}");
        Row("busy (409) / errors / retries", $"{r.Busy} / {r.Errors} / {r.Retries}");
        if (r.Skipped > 0)
        {
            Row("skipped arrivals", $"{r.Skipped} (no idle instance or in-flight limit)");
        }

        Row("accept latency", Lat(r.AcceptLatencyMs));
        Row("completion latency", Lat(r.CompletionLatencyMs));
        Row(r.WarmUpSeconds > 0 ? "status codes (with warm-up)" : "status codes", string.Join("  ", r.StatusCounts.Select(c => $"{c.Key}: {c.Value}")));
        foreach (var lost in r.LostSamples)
        {
            Row("LOST", lost);
        }

        Row("verdict", r.Lost == 0 ? "PASS: every accepted operation reached its stable state" : $"FAIL: {r.Lost} accepted operation(s) lost");
        return s.ToString();
    }

    public static async Task WriteJsonAsync(LoadReport report, string path, CancellationToken cancellationToken)
    {
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, report, Indented, cancellationToken);
    }
}
