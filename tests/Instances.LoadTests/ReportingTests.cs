using Instances.Client.Models;
using Instances.LoadTest;

namespace Instances.LoadTests;

public sealed class ReportingTests
{
    private static LatencySummary Summarise(IEnumerable<TimeSpan> latencies)
    {
        var recorder = new LatencyRecorder();
        foreach (var latency in latencies)
        {
            recorder.Record(latency, second: 0);
        }

        return LatencySummary.From(recorder.Snapshot());
    }

    [Fact]
    public void PercentilesOfAUniformSpreadAreWhereTheyShouldBeWithinHdrPrecision()
    {
        var summary = Summarise(Enumerable.Range(1, 1000).Select(ms => TimeSpan.FromMilliseconds(ms)));

        Assert.Equal(1000, summary.Count);
        Assert.InRange(summary.P50, 499.5, 500.5);
        Assert.InRange(summary.P90, 899, 901);
        Assert.InRange(summary.P99, 989, 991);
        Assert.InRange(summary.P999, 998.5, 1000.5);
        Assert.InRange(summary.Max, 999, 1001);
        Assert.InRange(summary.Mean, 500, 501);
    }

    [Fact]
    public void ASingleSlowRequestShowsInTheTailNotTheMedian()
    {
        var summary = Summarise(Enumerable.Repeat(TimeSpan.FromMilliseconds(2), 999).Append(TimeSpan.FromSeconds(3)));

        Assert.InRange(summary.P99, 1.99, 2.01);
        Assert.InRange(summary.Max, 2995, 3005);
        Assert.InRange(summary.P999, 1.99, 2.01);
    }

    [Fact]
    public void TheTimelineHasOnePointPerSecondEvenForQuietSeconds()
    {
        var recorder = new LatencyRecorder();
        recorder.Record(TimeSpan.FromMilliseconds(10), second: 0);
        recorder.Record(TimeSpan.FromMilliseconds(30), second: 2);
        recorder.Record(TimeSpan.FromMilliseconds(50), second: 2);

        var timeline = recorder.Timeline();

        Assert.Equal([0, 1, 2], timeline.Select(p => p.Second));
        Assert.Equal([1L, 0L, 2L], timeline.Select(p => p.Count));
        Assert.InRange(timeline[2].MaxMs, 49.5, 50.5); // each second at two significant digits
    }

    [Fact]
    public void NothingAcceptedDuringTheWarmUpIsMeasuredButEverythingIsKeptAndCounted()
    {
        var now = TimeSpan.Zero;
        var metrics = new RunMetrics(TimeSpan.FromSeconds(5), () => now);
        var at = new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);

        now = TimeSpan.FromSeconds(2);
        Assert.True(metrics.WarmingUp);
        metrics.RecordAccepted(new AcceptedOperation(Guid.NewGuid(), PowerTarget.Off, "a", at), TimeSpan.FromMilliseconds(900));
        now = TimeSpan.FromSeconds(7.5);
        Assert.False(metrics.WarmingUp);
        metrics.RecordAccepted(new AcceptedOperation(Guid.NewGuid(), PowerTarget.Off, "b", at), TimeSpan.FromMilliseconds(3));

        Assert.Equal((2L, 1L, 2L), (metrics.AcceptedCount, metrics.MeasuredCount, metrics.Count(202)));
        Assert.Equal([false, true], metrics.Accepted.Select(a => a.Measured));
        var measured = LatencySummary.From(metrics.AcceptLatency.Snapshot());
        Assert.Equal(1, measured.Count);
        Assert.InRange(measured.Max, 2.99, 3.01); // the warm-up's 900 ms is not in it
        Assert.Equal([0L, 0L, 1L], metrics.AcceptLatency.Timeline().Select(p => p.Count)); // second 2 after the warm-up
    }

    [Fact]
    public void BusyAndRetriedAnswersAreNotErrorsButTransportFailuresAre()
    {
        var metrics = new RunMetrics();
        metrics.RecordStatus(409);
        metrics.RecordRetry(503);
        metrics.RecordStatus(400);
        metrics.RecordStatus(RunMetrics.TransportError);
        metrics.RecordAccepted(new AcceptedOperation(Guid.NewGuid(), PowerTarget.Off, "req-1", DateTimeOffset.UtcNow), TimeSpan.FromMilliseconds(3));

        Assert.Equal(2, metrics.Errors);
        Assert.Equal(1, metrics.Retries);
        Assert.Equal(1, metrics.AcceptedCount);
        Assert.Equal(new Dictionary<int, long> { [-503] = 1, [0] = 1, [202] = 1, [400] = 1, [409] = 1 }, metrics.Statuses);
    }

    [Fact]
    public void AnEmptyHistogramReportsZeros()
    {
        Assert.Equal(new LatencySummary(0, 0, 0, 0, 0, 0, 0), LatencySummary.From(LatencyRecorder.NewHistogram()));
    }

    [Theory]
    [InlineData("off=2,reboot=1")]
    [InlineData("soft_off")]
    [InlineData("on=1,off=0")]
    public void APoweredOffInstanceIsAlwaysPoweredOn(string mix)
    {
        var parsed = PowerMix.Parse(mix);
        Assert.All(Enumerable.Range(0, 50), _ => Assert.Equal(PowerTarget.On, parsed.Pick(believedOn: false, Random.Shared)));
    }

    [Fact]
    public void APoweredOnInstanceGetsOnlyTargetsWithWeight()
    {
        var mix = PowerMix.Parse("off=1,soft_reboot=3,reboot=0");
        var random = new Random(7);
        var picks = Enumerable.Range(0, 400).Select(_ => mix.Pick(believedOn: true, random)).ToHashSet();
        Assert.Equal(new HashSet<PowerTarget> { PowerTarget.Off, PowerTarget.SoftReboot }, picks);
    }

    [Fact]
    public void AMixWithoutPositiveWeightsIsRefused()
    {
        Assert.Throws<FormatException>(() => PowerMix.Parse("off=0"));
        Assert.Throws<FormatException>(() => PowerMix.Parse("sideways=1"));
    }
}
