using HdrHistogram;

namespace Instances.LoadTest;

/// <summary>Percentiles of one HdrHistogram of microseconds, in milliseconds.</summary>
public sealed record LatencySummary(long Count, double P50, double P90, double P99, double P999, double Max, double Mean)
{
    public static LatencySummary From(HistogramBase h) => h.TotalCount == 0
        ? new(0, 0, 0, 0, 0, 0, 0)
        : new(
            h.TotalCount,
            LatencyRecorder.Ms(h, 50),
            LatencyRecorder.Ms(h, 90),
            LatencyRecorder.Ms(h, 99),
            LatencyRecorder.Ms(h, 99.9),
            h.GetMaxValue() / 1000.0,
            h.GetMean() / 1000.0);
}
