using HdrHistogram;

namespace Instances.LoadTest;

/// <summary>
/// Latencies in microseconds, in one HdrHistogram for the run and one per second of it (the
/// latency-over-time plot). Thread-safe; a lock is cheap next to an HTTP round trip.
/// </summary>
public sealed class LatencyRecorder
{
    private const long Highest = 3_600_000_000L; // one hour, in µs
    private readonly Lock _lock = new();
    private readonly LongHistogram _all = NewHistogram();
    private readonly List<LongHistogram> _seconds = [];

    public static LongHistogram NewHistogram() => new(Highest, 3);

    /// <summary>Records <paramref name="latency"/> in the second <paramref name="second"/> of the run.</summary>
    public void Record(TimeSpan latency, int second)
    {
        var micros = Math.Clamp((long)latency.TotalMicroseconds, 0, Highest);
        lock (_lock)
        {
            _all.RecordValue(micros);
            while (_seconds.Count <= second)
            {
                _seconds.Add(NewHistogram());
            }

            _seconds[Math.Max(second, 0)].RecordValue(micros);
        }
    }

    public LongHistogram Snapshot()
    {
        lock (_lock)
        {
            return (LongHistogram)_all.Copy();
        }
    }

    /// <summary>Per second of the run: count, p50, p99, max (ms).</summary>
    public IReadOnlyList<TimelinePoint> Timeline()
    {
        lock (_lock)
        {
            return _seconds.Select((h, i) => new TimelinePoint(
                i, h.TotalCount, Ms(h, 50), Ms(h, 99), h.TotalCount == 0 ? 0 : h.GetMaxValue() / 1000.0)).ToList();
        }
    }

    public static double Ms(HistogramBase histogram, double percentile) =>
        histogram.TotalCount == 0 ? 0 : histogram.GetValueAtPercentile(percentile) / 1000.0;
}
