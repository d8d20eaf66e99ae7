namespace Instances.LoadTest;

/// <summary>The result of a run, as printed and as written to <c>report.json</c>.</summary>
public sealed record LoadReport
{
    public required string Model { get; init; }
    public required IReadOnlyList<string> Urls { get; init; }
    public required int Instances { get; init; }
    public int? Workers { get; init; }
    public double? Rate { get; init; }
    public required string Mix { get; init; }

    /// <summary>The measured part of the drive, after <see cref="WarmUpSeconds"/>.</summary>
    public required double DriveSeconds { get; init; }
    public double WarmUpSeconds { get; init; }

    /// <summary>Accepted during the warm-up: verified, not in the rates or latencies.</summary>
    public long WarmUpAccepted { get; init; }
    public required long Accepted { get; init; }
    public required double AcceptedPerSecond { get; init; }
    public required long Completed { get; init; }
    public required double CompletedPerSecond { get; init; }
    public required long Failed { get; init; }
    public required long Lost { get; init; }
    public required long Unverifiable { get; init; }
    public required long Busy { get; init; }
    public required long Errors { get; init; }
    public required long Retries { get; init; }
    public required long Skipped { get; init; }
    public required LatencySummary AcceptLatencyMs { get; init; }
    public required LatencySummary CompletionLatencyMs { get; init; }

    /// <summary>Final answers by status ("0" = no HTTP answer), warm-up included; "retried 503" counts answers that were retried.</summary>
    public required IReadOnlyDictionary<string, long> StatusCounts { get; init; }
    public required IReadOnlyList<TimelinePoint> Timeline { get; init; }

    /// <summary>Up to 20 lost operations, with why.</summary>
    public required IReadOnlyList<string> LostSamples { get; init; }

    public static LoadReport Build(DriveSettings settings, int instances, RunMetrics metrics, TimeSpan drive, Verification verification) => new()
    {
        Model = settings.Rate is null ? "closed" : "open",
        Urls = settings.Urls.Select(u => u.ToString()).ToList(),
        Instances = instances,
        Workers = settings.Rate is null ? settings.Workers : null,
        Rate = settings.Rate,
        Mix = settings.Mix.ToString(),
        DriveSeconds = Math.Round(drive.TotalSeconds, 3),
        WarmUpSeconds = metrics.WarmUp.TotalSeconds,
        WarmUpAccepted = metrics.AcceptedCount - metrics.MeasuredCount,
        Accepted = metrics.MeasuredCount,
        AcceptedPerSecond = Math.Round(metrics.MeasuredCount / drive.TotalSeconds, 1),
        Completed = verification.Completed,
        CompletedPerSecond = Math.Round(verification.CompletedPerSecond, 1),
        Failed = verification.Failed,
        Lost = verification.Lost.Count,
        Unverifiable = verification.Unverifiable,
        Busy = metrics.Count(409),
        Errors = metrics.Errors,
        Retries = metrics.Retries,
        Skipped = metrics.Skipped,
        AcceptLatencyMs = LatencySummary.From(metrics.AcceptLatency.Snapshot()),
        CompletionLatencyMs = LatencySummary.From(verification.CompletionLatency),
        StatusCounts = metrics.Statuses.ToDictionary(
            s => s.Key < 0 ? $"retried {-s.Key}" : s.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), s => s.Value),
        Timeline = metrics.AcceptLatency.Timeline(),
        LostSamples = verification.Lost.Take(20).Select(l => $"{l.Operation.Instance} {l.Operation.Target} {l.Operation.RequestId}: {l.Reason}").ToList(),
    };
}
