using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Instances.StorageTests.EndToEnd;

namespace Instances.ClusterTests.Infrastructure;

/// <summary>
/// A steady load of power operations: one worker per instance reads its state and, once it is stable,
/// asks for the opposite power state; every accepted (202) target is remembered so that, at the end,
/// each instance can be checked to have reached the last target it was promised.
/// </summary>
/// <remarks><paramref name="pace"/> (default 100 ms) is the pause of each worker between its requests: the load's shape.</remarks>
public sealed class PowerLoad(BalancedClient client, IReadOnlyList<string> uuids, Stopwatch clock, TimeSpan? pace = null)
{
    private readonly TimeSpan _pace = pace ?? TimeSpan.FromMilliseconds(100);

    /// <summary>The last accepted target power state of each instance ("power on" / "power off").</summary>
    public ConcurrentDictionary<string, string> Promised { get; } = new();

    /// <summary>When (on <c>clock</c>) each 202 arrived, with its instance.</summary>
    public ConcurrentQueue<(TimeSpan At, string Uuid)> Accepted { get; } = new();

    /// <summary>When (on <c>clock</c>) each instance's state was first read after the load started.</summary>
    public ConcurrentDictionary<string, TimeSpan> FirstRead { get; } = new();

    /// <summary>When (on <c>clock</c>) each instance was first seen stable after the load started.</summary>
    public ConcurrentDictionary<string, TimeSpan> FirstStable { get; } = new();

    /// <summary>Statuses other than 200 (GET) and 202 / 409 (PUT) after 503 retries: must stay empty.</summary>
    public ConcurrentQueue<string> Unexpected { get; } = new();

    public async Task RunAsync(CancellationToken stop) => await Task.WhenAll(uuids.Select(uuid => WorkAsync(uuid, stop)));

    /// <summary>Waits until every instance is stable in the power state last promised to it; the clock reading then.</summary>
    public async Task<TimeSpan> AllPromisesKeptAsync(TimeSpan within)
    {
        await Eventually.MatchAsync(
            async () =>
            {
                var list = await client.SendAsync(node => node.GetAsync("/v1/instances/detail?limit=1000"));
                return list.Json.GetProperty("instances").EnumerateArray().ToDictionary(i => i.GetProperty("uuid").GetString()!, i => i);
            },
            items => uuids.All(uuid => items.TryGetValue(uuid, out var item) && Kept(uuid, item)),
            within);
        return clock.Elapsed;
    }

    private bool Kept(string uuid, JsonElement item) =>
        IsStable(item) && item.GetProperty("power_state").GetString() == Promised.GetValueOrDefault(uuid, item.GetProperty("power_state").GetString()!);

    private static bool IsStable(JsonElement states) => states.GetProperty("status").GetString() is "active" or "stopped";

    private async Task WorkAsync(string uuid, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var states = await client.SendAsync(node => node.GetAsync($"/v1/instances/{uuid}/states"));
            if (states.Status != 200)
            {
                Unexpected.Enqueue($"GET {uuid}/states: {states}");
                return;
            }

            FirstRead.TryAdd(uuid, clock.Elapsed);
            if (!IsStable(states.Json))
            {
                await Task.Delay(_pace, CancellationToken.None);
                continue;
            }

            FirstStable.TryAdd(uuid, clock.Elapsed);
            var target = states.Json.GetProperty("power_state").GetString() == "power on" ? "off" : "on";
            var response = await client.SendAsync(node => node.PutAsync($"/v1/instances/{uuid}/states/power", new { target }));
            switch (response.Status)
            {
                case 202:
                    Promised[uuid] = "power " + target;
                    Accepted.Enqueue((clock.Elapsed, uuid));
                    break;
                case 409:
                    break;
                default:
                    Unexpected.Enqueue($"PUT {uuid} power {target}: {response}");
                    return;
            }

            await Task.Delay(_pace, CancellationToken.None);
        }
    }
}
