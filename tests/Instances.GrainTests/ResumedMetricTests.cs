using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Instances.Abstractions;
using Instances.Grains.Observability;
using Instances.Grains.Projection;
using Orleans.Core.Internal;

namespace Instances.GrainTests;

/// <summary>
/// <c>instances.operations.resumed</c>: an operation picked up by a new activation counts once; the
/// reminder ticks of the activation that runs it count nothing.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ResumedMetricTests(ClusterFixture fixture)
{
    [Fact]
    public async Task AnOperationResumedByANewActivationCountsOnceAndTicksDuringItNothing()
    {
        using var resumed = new ResumedCounter();
        var grain = await Given.ActiveAsync(fixture.Grains);
        Assert.Equal(OutcomeKind.Accepted, (await grain.SetPowerAsync(Given.Owner, PowerAction.SoftOff, null)).Kind);
        await grain.Cast<IRemindable>().ReceiveReminder("operation", default);
        Assert.Empty(resumed.SoftOffs);

        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        var index = new GrainInstanceIndex(fixture.Grains);
        await Eventually.MatchAsync(() => index.FindAsync(grain.GetPrimaryKey()), i => i!.Status == InstanceStatus.Stopped);

        Assert.Equal([1L], resumed.SoftOffs);
    }

    /// <summary>Both in-process silos' meters; soft power-offs only, which no other test of the collection leaves pending.</summary>
    private sealed class ResumedCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<long> _softOffs = new();

        public ResumedCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == InstancesMetrics.MeterName && instrument.Name == "instances.operations.resumed")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag is { Key: "action", Value: "soft_off" })
                    {
                        _softOffs.Enqueue(value);
                    }
                }
            });
            _listener.Start();
        }

        public long[] SoftOffs => [.. _softOffs];

        public void Dispose() => _listener.Dispose();
    }
}
