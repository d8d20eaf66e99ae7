using System.Diagnostics;
using System.Diagnostics.Metrics;
using Instances.Abstractions;
using Instances.Grains.Instances;

namespace Instances.Grains.Observability;

/// <summary>
/// The service's own instruments, meter <see cref="MeterName"/> (docs/operations.md lists each with its
/// unit and tags). Plain System.Diagnostics.Metrics: whoever listens (OpenTelemetry in the server, a
/// MeterListener in a test) decides what is exported.
/// </summary>
public sealed class InstancesMetrics
{
    public const string MeterName = "Instances";

    private readonly Counter<long> _accepted;
    private readonly Counter<long> _completed;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _superseded;
    private readonly Counter<long> _resumed;
    private readonly Counter<long> _powerCorrections;
    private readonly Histogram<double> _transition;
    private readonly Histogram<double> _driverCall;
    private readonly Histogram<double> _resumeAge;

    public InstancesMetrics(IMeterFactory meterFactory, LocalInstances local)
    {
        var meter = meterFactory.Create(MeterName);
        _accepted = meter.CreateCounter<long>("instances.operations.accepted", "{operation}", "Operations accepted (persisted and answered 202), by kind and power action.");
        _completed = meter.CreateCounter<long>("instances.operations.completed", "{operation}", "Operations that ended successfully, by kind and power action.");
        _failed = meter.CreateCounter<long>("instances.operations.failed", "{operation}", "Operations that ended in failure (driver error or timeout), by kind and power action.");
        _superseded = meter.CreateCounter<long>("instances.operations.superseded", "{operation}", "Running operations replaced by a newer one (a delete) before they ended.");
        _resumed = meter.CreateCounter<long>("instances.operations.resumed", "{operation}", "Pending operations picked up again by a new activation (after a crash, a move or a reminder tick).");
        _powerCorrections = meter.CreateCounter<long>("instances.power_sync.corrections", "{correction}", "Recorded power states corrected to what the BMC reports, by the corrected power state.");
        _transition = meter.CreateHistogram<double>("instances.operations.duration", "s", "From acceptance to completion of an operation, by kind, power action and outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800] });
        _driverCall = meter.CreateHistogram<double>("instances.driver.duration", "s", "Duration of one bare-metal driver call, by call and outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] });
        _resumeAge = meter.CreateHistogram<double>("instances.operations.resume_age", "s", "Age (since acceptance) of an operation when a new activation resumed it: how long it waited for a reminder or activation.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 2.5, 5, 10, 15, 30, 60, 120, 300, 600, 1800] });
        meter.CreateObservableGauge("instances.instances", () => CountByState(local), "{instance}",
            "Instances activated on this node, by status and power state (per node: sum over the nodes for the cluster).");
    }

    private static IEnumerable<Measurement<long>> CountByState(LocalInstances local) =>
        local.Snapshots
            .GroupBy(s => (s.Status, s.PowerState))
            .Select(g => new Measurement<long>(g.LongCount(),
                new KeyValuePair<string, object?>("status", g.Key.Status.ToName()),
                new KeyValuePair<string, object?>("power_state", g.Key.PowerState.ToName() ?? "unknown")));

    public void Accepted(PendingOperation operation) => _accepted.Add(1, Tags(operation));

    public void Superseded(PendingOperation operation) => _superseded.Add(1, Tags(operation));

    /// <summary>A pending operation picked up by a new activation, and how old it was by then.</summary>
    public void Resumed(PendingOperation operation, DateTimeOffset now)
    {
        var tags = Tags(operation);
        _resumed.Add(1, tags);
        _resumeAge.Record(Math.Max(0, (now - operation.AcceptedAt).TotalSeconds), tags);
    }

    /// <summary>An operation's end: counted as completed or failed, and its duration since acceptance recorded.</summary>
    public void Ended(PendingOperation operation, bool succeeded, DateTimeOffset now)
    {
        var tags = Tags(operation);
        (succeeded ? _completed : _failed).Add(1, tags);
        tags.Add("outcome", succeeded ? "success" : "failure");
        _transition.Record(Math.Max(0, (now - operation.AcceptedAt).TotalSeconds), tags);
    }

    /// <summary>For the power-state sync: a recorded power state corrected to <paramref name="reported"/>.</summary>
    public void PowerCorrected(PowerState reported) => _powerCorrections.Add(1, new KeyValuePair<string, object?>("power_state", reported.ToName()));

    internal void DriverCall(string call, bool succeeded, TimeSpan elapsed) =>
        _driverCall.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("call", call), new KeyValuePair<string, object?>("outcome", succeeded ? "success" : "failure"));

    private static TagList Tags(PendingOperation operation)
    {
        var tags = new TagList { { "kind", KindName(operation.Kind) } };
        if (operation.PowerAction is { } action)
        {
            tags.Add("action", action.ToTarget());
        }

        return tags;
    }

    private static string KindName(OperationKind kind) => kind switch
    {
        OperationKind.Build => "build",
        OperationKind.Power => "power",
        OperationKind.Delete => "delete",
        OperationKind.Rebuild => "rebuild",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
