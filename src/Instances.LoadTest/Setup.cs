using Instances.Client;
using Instances.Client.Models;

namespace Instances.LoadTest;

/// <summary>
/// Makes sure the project has <c>count</c> usable instances: reuses active and stopped ones, creates
/// the rest (with a type of its own and idempotency keys, so a re-run after a failure creates no
/// extra), and waits until none is still building. New instances are spread over every
/// availability zone the server offers (each zone's simulated fleet claims nodes in one grain).
/// </summary>
public static class Setup
{
    public const string TypeName = "loadtest.type";

    public static async Task<IReadOnlyList<Instance>> EnsureInstancesAsync(
        ClientPool clients, int count, TimeSpan timeout, TextWriter log, CancellationToken cancellationToken)
    {
        var existing = await ListUsableAsync(clients, cancellationToken);
        var missing = count - existing.Count;
        if (missing > 0)
        {
            var type = await EnsureTypeAsync(clients.Next(), cancellationToken);
            var zones = await clients.Next().ListAvailabilityZonesAsync(cancellationToken);
            var run = Guid.NewGuid().ToString("N")[..8];
            var created = 0;
            using var progress = new ProgressLine(log);
            await Parallel.ForEachAsync(Enumerable.Range(0, missing), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (i, ct) =>
            {
                await clients.Next().CreateInstanceAsync(
                    new NewInstance
                    {
                        Name = $"load-{run}-{i}",
                        InstanceTypeUuid = type,
                        AvailabilityZone = zones.Count == 0 ? null : zones[i % zones.Count],
                        ImageUuid = Guid.NewGuid(),
                        Networks = [new NetworkRequest(Guid.NewGuid())],
                    },
                    idempotencyKey: $"loadtest-{run}-{i}",
                    cancellationToken: ct);
                progress.Show(ProgressLine.Bar(Interlocked.Increment(ref created), missing, "created"));
            });
        }

        return await WaitUntilSettledAsync(clients, count, timeout, log, cancellationToken);
    }

    /// <summary>The project's instances that a power change can act on (or will, once built).</summary>
    public static async Task<List<Instance>> ListUsableAsync(ClientPool clients, CancellationToken cancellationToken)
    {
        var all = new List<Instance>();
        await foreach (var i in clients.Next().ListAllInstancesAsync(
            new InstanceListQuery { Fields = ["status", "power_state", "target_power_state"] }, cancellationToken: cancellationToken))
        {
            if (i.Status is not (InstanceStatuses.Error or "deleting"))
            {
                all.Add(i);
            }
        }

        return all;
    }

    private static async Task<IReadOnlyList<Instance>> WaitUntilSettledAsync(
        ClientPool clients, int count, TimeSpan timeout, TextWriter log, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        using var progress = new ProgressLine(log);
        while (true)
        {
            var all = await ListUsableAsync(clients, cancellationToken);
            var settled = all.Where(i => i.TargetPowerState is null && i.Status is InstanceStatuses.Active or InstanceStatuses.Stopped).ToList();
            progress.Show(ProgressLine.Bar(settled.Count, Math.Min(count, all.Count), "active or stopped"));
            if (settled.Count >= count || settled.Count == all.Count)
            {
                return settled.Take(count).ToList();
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Only {settled.Count} of {count} instances settled within {timeout}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }

    private static async Task<Guid> EnsureTypeAsync(InstancesClient client, CancellationToken cancellationToken)
    {
        var types = await client.ListTypesAsync(cancellationToken);
        return types.FirstOrDefault(t => t.Name == TypeName)?.Uuid
            ?? (await client.CreateTypeAsync(new NewInstanceType(TypeName, "Created by Instances.LoadTest"), cancellationToken)).Uuid;
    }
}
