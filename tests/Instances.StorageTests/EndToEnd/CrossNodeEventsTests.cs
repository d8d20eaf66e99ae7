using Instances.StorageTests.Databases;
using Xunit.Abstractions;

namespace Instances.StorageTests.EndToEnd;

/// <summary>
/// API.md §8 "Live events reach subscribers on every node": two real nodes on one PostgreSQL; a client
/// subscribed through node A sees, in order, the changes of instances whose grains live on node B, and
/// resumes through node B with the last id node A gave it (ids belong to the cluster, not to a node).
/// </summary>
public sealed class CrossNodeEventsTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task ASubscriberOnOneNodeSeesTheChangesOfInstancesHostedOnAnotherInOrderAndResumesAnywhere()
    {
        var database = await PostgresServer.SharedAsync();
        var settings = ServerProcess.FastSettings("PostgreSQL", await database.CreateDatabaseAsync());

        // The grain's completion line says which node hosted an instance.
        settings["Logging:LogLevel:Instances.Grains.Instances.InstanceGrain"] = "Information";
        await using var nodeA = new ServerProcess(settings);
        await using var nodeB = new ServerProcess(settings);
        await nodeA.StartAsync();
        await nodeB.StartAsync();
        using var httpA = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{nodeA.HttpPort}") };
        using var httpB = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{nodeB.HttpPort}") };

        await using var stream = await SseStream.OpenAsync(httpA, "/v1/events");
        Assert.Equal(200, (int)stream.Response.StatusCode);

        // Placement decides where grains live: create through B until B hosts some of them.
        var type = await nodeB.Client.CreateTypeAsync();
        var created = new List<string>();
        var onB = new List<string>();
        while (onB.Count == 0)
        {
            Assert.True(created.Count < 60, $"none of {created.Count} instances was placed on node B");
            var batch = new List<string>();
            for (var i = 0; i < 5; i++)
            {
                batch.Add(await nodeB.Client.CreateInstanceAsync(type, $"cross-{created.Count + i}"));
            }

            created.AddRange(batch);
            await Eventually.MatchAsync(() => Task.FromResult(batch.Count(u => Completed(nodeA, u) || Completed(nodeB, u))), n => n == batch.Count, Within);
            onB.AddRange(batch.Where(u => Completed(nodeB, u)));
        }

        var watched = onB[0];

        // The power-off follows the build's "active" as seen on node A's stream: events are one-way
        // messages, and one clean-clone run saw a build's last event reach the log after a change made
        // a few milliseconds after the build's log line (Orleans does not promise FIFO there).
        var seen = await stream.EventsUntilAsync(e => Is(e, watched, "active"), Within);
        Assert.Equal(202, (await nodeB.Client.PutAsync($"/v1/instances/{watched}/states/power", new { target = "off" })).Status);
        seen.AddRange(await stream.EventsUntilAsync(e => Is(e, watched, "stopped"), Within));
        Assert.Equal(["building", "active", "powering-off", "stopped"], seen.Where(e => Uuid(e) == watched).Select(Status));
        output.WriteLine($"{created.Count} instances, {onB.Count} on node B; node A's stream saw {seen.Count} events");

        // Reconnect through the other node with the last id node A sent: exactly what followed, nothing twice.
        var lastId = seen[^1].Id!;
        await stream.DisposeAsync();
        Assert.Equal(202, (await nodeA.Client.PutAsync($"/v1/instances/{watched}/states/power", new { target = "on" })).Status);
        await using var resumed = await SseStream.OpenAsync(httpB, $"/v1/instances/{watched}/events", r => r.Headers.Add("Last-Event-ID", lastId));
        var after = await resumed.EventsUntilAsync(e => Is(e, watched, "active"), Within);

        Assert.Equal(["powering-on", "active"], after.Select(Status));
        Assert.All(after, e => Assert.NotEqual(lastId, e.Id));
    }

    private static bool Completed(ServerProcess node, string uuid) => node.Output.Contains($"Build of instance {uuid} ended", StringComparison.Ordinal);

    private static bool Is(SseMessage e, string uuid, string status) => Uuid(e) == uuid && Status(e) == status;

    private static string Uuid(SseMessage e) => e.Json.GetProperty("uuid").GetString()!;

    private static string Status(SseMessage e) => e.Json.GetProperty("status").GetString()!;
}
