using Instances.Client;
using Instances.Client.Models;

namespace Instances.LoadTest;

/// <summary>Reads every driven instance once it is stable (or the deadline passed): its states and action history.</summary>
public static class Observer
{
    public static async Task<IReadOnlyDictionary<Guid, InstanceObservation>> ObserveAsync(
        ClientPool clients, IEnumerable<Guid> instances, TimeSpan timeout, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        var result = new System.Collections.Concurrent.ConcurrentDictionary<Guid, InstanceObservation>();
        var done = 0;
        await Parallel.ForEachAsync(instances.Distinct(), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (id, ct) =>
        {
            result[id] = await ObserveOneAsync(clients, id, deadline, ct);
            progress?.Report(Interlocked.Increment(ref done));
        });
        return result;
    }

    private static async Task<InstanceObservation> ObserveOneAsync(ClientPool clients, Guid id, DateTimeOffset deadline, CancellationToken ct)
    {
        try
        {
            InstanceStates states;
            while (!(states = await clients.Next().GetStatesAsync(id, ct)).IsStable && DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), ct); // a tool polling a remote server, not a test
            }

            return new InstanceObservation(states, await clients.Next().GetActionsAsync(id, ct));
        }
        catch (Exception e) when (e is InstancesApiException or HttpRequestException)
        {
            return new InstanceObservation(null, null);
        }
    }
}
