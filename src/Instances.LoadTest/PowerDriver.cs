using System.Diagnostics;
using Instances.Client;
using Instances.Client.Models;

namespace Instances.LoadTest;

/// <summary>
/// Sends power changes: a closed model (M workers, each sending its next request when the last is
/// answered) or an open model (a fixed arrival rate, whatever the server's speed, with latency
/// measured from each request's scheduled time so a slow server cannot hide its tail).
/// A 409 is "busy": the instance goes back to the pool and the worker moves on.
/// </summary>
public sealed class PowerDriver(ClientPool clients, InstancePool pool, PowerMix mix, RunMetrics metrics)
{
    public async Task RunClosedAsync(int workers, long? count, CancellationToken stop)
    {
        var tasks = Enumerable.Range(0, workers).Select(async _ =>
        {
            await Task.Yield();
            while (!stop.IsCancellationRequested && (count is not { } n || metrics.MeasuredCount < n))
            {
                if (!await OneAsync(Stopwatch.GetTimestamp()))
                {
                    await Task.Delay(1, CancellationToken.None); // every instance is with another worker
                }
            }
        });
        await Task.WhenAll(tasks);
    }

    public async Task RunOpenAsync(double rate, int maxInFlight, long? count, CancellationToken stop)
    {
        var start = Stopwatch.GetTimestamp();
        var inFlight = new List<Task>();
        var running = 0;
        for (long i = 0; !stop.IsCancellationRequested && (count is not { } n || i < n); i++)
        {
            var due = start + (long)(i * Stopwatch.Frequency / rate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                try
                {
                    await Task.Delay(wait, stop);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            if (Volatile.Read(ref running) >= maxInFlight)
            {
                metrics.RecordSkipped();
                continue;
            }

            Interlocked.Increment(ref running);
            inFlight.Add(Arrival(due));
            if (inFlight.Count > 4096)
            {
                inFlight.RemoveAll(t => t.IsCompleted);
            }
        }

        await Task.WhenAll(inFlight);

        async Task Arrival(long due)
        {
            try
            {
                if (!await OneAsync(due))
                {
                    metrics.RecordSkipped();
                }
            }
            finally
            {
                Interlocked.Decrement(ref running);
            }
        }
    }

    /// <summary>One request on the next idle instance; false when none was idle.</summary>
    private async Task<bool> OneAsync(long scheduled)
    {
        if (!pool.TryTake(out var id, out var poweredOn))
        {
            return false;
        }

        var target = mix.Pick(poweredOn, Random.Shared);
        try
        {
            // Never cancelled: a request abandoned in flight may still be accepted, and then it must be verified.
            var accepted = await clients.Next().SetPowerAsync(id, target, cancellationToken: CancellationToken.None);
            metrics.RecordAccepted(new AcceptedOperation(id, target, accepted.RequestId, DateTimeOffset.UtcNow), Stopwatch.GetElapsedTime(scheduled));
            poweredOn = target.StableStatus() == InstanceStatuses.Active;
        }
        catch (InstancesApiException e)
        {
            metrics.RecordStatus((int)e.Status);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            metrics.RecordStatus(RunMetrics.TransportError);
        }

        pool.Return(id, poweredOn);
        return true;
    }
}
