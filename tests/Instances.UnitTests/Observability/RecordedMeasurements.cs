using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Instances.Grains.Instances;
using Instances.Grains.Observability;
using Microsoft.Extensions.DependencyInjection;

namespace Instances.UnitTests.Observability;

/// <summary>
/// An <see cref="InstancesMetrics"/> on a meter factory of its own, and everything its instruments
/// record: only that factory's meter is listened to, so tests running beside add nothing.
/// </summary>
public sealed class RecordedMeasurements : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, string?> Tags)> _recorded = new();

    public RecordedMeasurements()
    {
        var factory = _services.GetRequiredService<IMeterFactory>();
        Metrics = new InstancesMetrics(factory, Local);
        var meter = factory.Create(InstancesMetrics.MeterName);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    public InstancesMetrics Metrics { get; }

    /// <summary>The active instances the gauge counts.</summary>
    public LocalInstances Local { get; } = new();

    /// <summary>The measurements of one instrument (observable ones after <see cref="Observe"/>).</summary>
    public List<(double Value, Dictionary<string, string?> Tags)> Of(string instrument) =>
        _recorded.Where(r => r.Instrument == instrument).Select(r => (r.Value, r.Tags)).ToList();

    public void Observe() => _listener.RecordObservableInstruments();

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copied = new Dictionary<string, string?>();
        foreach (var tag in tags)
        {
            copied[tag.Key] = tag.Value?.ToString();
        }

        _recorded.Enqueue((instrument.Name, value, copied));
    }
}
