using HdrHistogram;

namespace Instances.LoadTest;

/// <summary>
/// Latencies in microseconds, in one HdrHistogram for the run and one per second of it (the
/// latency-over-time plot). Thread-safe; a lock is cheap next to an HTTP round trip.
/// </summary>
/// <remarks>
/// The tool must not pause itself: the open model counts a pause of the tool as latency of every request
/// due meanwhile. A three-digit histogram up to an hour is 180 kB, on the large-object heap; a new one per
/// second and a copy of the run's for each progress line set off blocking gen2 collections of 35–40 ms in the
/// tool during figure 3's runs (dotnet-trace). So each second's histogram keeps two significant digits
/// (26 kB; its percentiles within 1 %), and the progress line reads the run's histogram in place.
/// </remarks>
public sealed class LatencyRecorder
{
    private const long Highest = 3_600_000_000L; // one hour, in µs
    private readonly Lock _lock = new();
    private readonly LongHistogram _all = NewHistogram();
    private readonly List<LongHistogram> _seconds = [];

    public static LongHistogram NewHistogram() => new(Highest, 3);

    private static LongHistogram NewSecond() => new(Highest, 2);

    /// <summary>Records <paramref name="latency"/> in the second <paramref name="second"/> of the run.</summary>
    public void Record(TimeSpan latency, int second)
    {
        var micros = Math.Clamp((long)latency.TotalMicroseconds, 0, Highest);
        lock (_lock)
        {
            _all.RecordValue(micros);
            while (_seconds.Count <= second)
            {
                _seconds.Add(NewSecond());
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

    /// <summary>The run's latency at <paramref name="percentile"/> so far, in ms.</summary>
    public double PercentileMs(double percentile)
    {
        lock (_lock)
        {
            return Ms(_all, percentile);
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
