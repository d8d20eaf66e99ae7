using HdrHistogram;
using ScottPlot;

namespace Instances.LoadTest;

/// <summary>PNG plots of a run: accept latency and throughput over time, and the latency percentile curves.</summary>
public static class Plots
{
    private static readonly double[] PercentileTicks = [0, 50, 90, 99, 99.9, 99.99];

    public static void LatencyOverTime(LoadReport report, string path)
    {
        var plot = new Plot();
        var seconds = report.Timeline.Select(p => (double)p.Second).ToArray();
        if (seconds.Length > 0)
        {
            plot.Add.ScatterLine(seconds, report.Timeline.Select(p => p.P50Ms).ToArray()).LegendText = "accept p50 (ms)";
            plot.Add.ScatterLine(seconds, report.Timeline.Select(p => p.P99Ms).ToArray()).LegendText = "accept p99 (ms)";
            plot.Add.ScatterLine(seconds, report.Timeline.Select(p => p.MaxMs).ToArray()).LegendText = "accept max (ms)";
            var rate = plot.Add.ScatterLine(seconds, report.Timeline.Select(p => (double)p.Count).ToArray());
            rate.LegendText = "accepted/s (right)";
            rate.LinePattern = LinePattern.Dashed;
            rate.Axes.YAxis = plot.Axes.Right;
        }

        plot.Title($"Accept latency over time — {report.Model} model, {report.AcceptedPerSecond:0} ops/s");
        plot.XLabel("second of the run");
        plot.YLabel("latency (ms)");
        plot.Axes.Right.Label.Text = "accepted per second";
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 1000, 500);
    }

    public static void Percentiles(HistogramBase accept, HistogramBase completion, string path)
    {
        var plot = new Plot();
        AddCurve(plot, accept, "accept");
        AddCurve(plot, completion, "completion");
        plot.Axes.Bottom.SetTicks(PercentileTicks.Select(X).ToArray(), PercentileTicks.Select(p => $"{p}%").ToArray());
        plot.Title("Latency by percentile");
        plot.XLabel("percentile");
        plot.YLabel("latency (ms)");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 1000, 500);
    }

    private static void AddCurve(Plot plot, HistogramBase histogram, string name)
    {
        if (histogram.TotalCount == 0)
        {
            return;
        }

        // The iterator reuses one value object: copy each point out as it comes.
        var points = histogram.Percentiles(5).Select(v => (v.Percentile, Ms: v.ValueIteratedTo / 1000.0)).Where(v => v.Percentile < 99.999).ToList();
        plot.Add.ScatterLine(points.Select(v => X(v.Percentile)).ToArray(), points.Select(v => v.Ms).ToArray())
            .LegendText = $"{name} (ms)";
    }

    /// <summary>Percentiles on a log scale of 1/(1 − p), so the tail gets the room.</summary>
    private static double X(double percentile) => Math.Log10(100 / (100 - Math.Min(percentile, 99.999)));
}
