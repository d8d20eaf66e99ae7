using System.Collections.Concurrent;
using System.Diagnostics;

namespace Instances.LoadTest;

/// <summary>
/// What the drive phase counts: final status codes, retries, accepted operations and their accept
/// latency. During the first <see cref="WarmUp"/> of the drive accepted operations are kept (they
/// are verified) but not measured; status codes count the whole drive (an error is an error).
/// </summary>
public sealed class RunMetrics
{
    /// <summary>The status key of a request that got no HTTP answer (connection refused, reset, timeout).</summary>
    public const int TransportError = 0;

    private readonly ConcurrentDictionary<int, long> _statuses = new();
    private readonly ConcurrentQueue<AcceptedOperation> _accepted = new();
    private readonly Func<TimeSpan> _clock;
    private long _retries;
    private long _skipped;
    private long _measured;

    /// <param name="warmUp">How long from the start nothing is measured.</param>
    /// <param name="clock">Time since the start of the drive; a stopwatch started now unless given (tests).</param>
    public RunMetrics(TimeSpan warmUp = default, Func<TimeSpan>? clock = null)
    {
        WarmUp = warmUp;
        if (clock is null)
        {
            var stopwatch = Stopwatch.StartNew();
            clock = () => stopwatch.Elapsed;
        }

        _clock = clock;
    }

    public TimeSpan WarmUp { get; }

    public LatencyRecorder AcceptLatency { get; } = new();

    public TimeSpan Elapsed => _clock();

    public bool WarmingUp => Elapsed < WarmUp;

    /// <summary>Every accepted operation, warm-up included.</summary>
    public long AcceptedCount => _accepted.Count;

    /// <summary>Operations accepted after the warm-up.</summary>
    public long MeasuredCount => Interlocked.Read(ref _measured);

    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Arrivals of the open model that found no idle instance or the in-flight limit reached.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    public IReadOnlyDictionary<int, long> Statuses => new SortedDictionary<int, long>(_statuses);

    public IReadOnlyList<AcceptedOperation> Accepted => [.. _accepted];

    public long Count(int status) => _statuses.GetValueOrDefault(status);

    /// <summary>Answers that are neither accepted nor busy: 4xx other than 409, 5xx, transport errors.</summary>
    public long Errors => _statuses.Where(s => s.Key >= 0 && s.Key is not 202 and not 409).Sum(s => s.Value);

    public void RecordAccepted(AcceptedOperation operation, TimeSpan latency)
    {
        var measuredFor = Elapsed - WarmUp;
        _accepted.Enqueue(operation with { Measured = measuredFor >= TimeSpan.Zero });
        if (measuredFor >= TimeSpan.Zero)
        {
            Interlocked.Increment(ref _measured);
            AcceptLatency.Record(latency, (int)measuredFor.TotalSeconds); // the timeline starts when measuring does
        }

        RecordStatus(202);
    }

    public void RecordStatus(int status) => _statuses.AddOrUpdate(status, 1, (_, n) => n + 1);

    public void RecordRetry(int status)
    {
        Interlocked.Increment(ref _retries);
        RecordStatus(-status); // retried answers are kept apart (negative key) from final ones
    }

    public void RecordSkipped() => Interlocked.Increment(ref _skipped);
}
