using System.Diagnostics;
using System.Net.Http.Json;
using Instances.StorageTests.Databases;
using Instances.StorageTests.EndToEnd.Telemetry;
using Xunit.Abstractions;

namespace Instances.StorageTests.EndToEnd;

/// <summary>
/// Issue 8: one power request through node A, for an instance whose grain lives on node B, is one
/// trace: A's HTTP server span, the grain call (Orleans client span on A, server span on B), and B's
/// driver span under the operation span, each the child of the one before. Two real nodes on one
/// PostgreSQL export over OTLP/HTTP to a receiver in the test; node A is a silo too, or a
/// gateway-only node (an Orleans client), whose propagation must work as well.
/// </summary>
public sealed class TracingAcrossNodesTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    [SkippableTheory]
    [InlineData("Silo")]
    [InlineData("Gateway")]
    public async Task APowerRequestOnOneNodeIsOneTraceDownToTheDriverCallOnTheNodeHostingTheGrain(string roleOfA)
    {
        var database = await PostgresServer.SharedAsync();
        await using var receiver = await OtlpReceiver.StartAsync();
        var settings = ServerProcess.FastSettings("PostgreSQL", await database.CreateDatabaseAsync());
        settings["Telemetry:Otlp:Endpoint"] = receiver.Endpoint;
        settings["OTEL_BSP_SCHEDULE_DELAY"] = "200";
        settings["Logging:LogLevel:Instances.Grains.Instances.InstanceGrain"] = "Information";
        await using var nodeA = new ServerProcess(settings);
        await using var nodeB = new ServerProcess(settings);
        await nodeB.StartAsync(new Dictionary<string, string> { ["Instances:NodeName"] = "node-b" });
        await nodeA.StartAsync(new Dictionary<string, string> { ["Instances:NodeName"] = "node-a", ["Instances:Role"] = roleOfA });

        var onB = await CreateUntilOneIsHostedOnAsync(nodeA, nodeB);

        // The client starts the trace: its traceparent names the trace to look for.
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var clientSpan = ActivitySpanId.CreateRandom().ToHexString();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{nodeA.HttpPort}") };
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/v1/instances/{onB}/states/power") { Content = JsonContent.Create(new { target = "off" }) };
        request.Headers.Add("traceparent", $"00-{traceId}-{clientSpan}-01");
        using var response = await http.SendAsync(request);
        Assert.Equal(202, (int)response.StatusCode);

        // Each node exports its spans in batches as they end (the operation span last, after the
        // driver call and the completion): wait for every span the assertions look at.
        var spans = await Eventually.MatchAsync(
            () => Task.FromResult(receiver.Spans.Where(s => s.TraceId == traceId).ToList()),
            t => t.Any(s => s.Node == "node-b" && s.Name == "operation power") && t.Any(s => s.Node == "node-b" && s.Name == "driver set_power")
                && t.Any(s => s.Node == "node-a" && s.Scope == "Microsoft.AspNetCore") && t.Any(s => s.Node == "node-a" && s.Scope == "Microsoft.Orleans.Application"),
            Within);
        output.WriteLine(string.Join("\n", spans));

        var httpSpan = Assert.Single(spans, s => s.Node == "node-a" && s.Scope == "Microsoft.AspNetCore" && s.Kind == ReceivedSpan.Server);
        var grainCall = Assert.Single(spans, s => s.Node == "node-a" && s.Scope == "Microsoft.Orleans.Application" && s.Kind == ReceivedSpan.Client && s.Name.Contains("SetPower", StringComparison.Ordinal));
        var grainTurn = Assert.Single(spans, s => s.Node == "node-b" && s.Scope == "Microsoft.Orleans.Application" && s.Kind == ReceivedSpan.Server && s.Name.Contains("SetPower", StringComparison.Ordinal));
        var operation = Assert.Single(spans, s => s.Node == "node-b" && s.Scope == "Instances" && s.Name == "operation power");
        var driverCall = Assert.Single(spans, s => s.Node == "node-b" && s.Scope == "Instances" && s.Name == "driver set_power");

        Assert.Equal(clientSpan, httpSpan.ParentSpanId);
        Assert.Equal(httpSpan.SpanId, grainCall.ParentSpanId);
        Assert.Equal(grainCall.SpanId, grainTurn.ParentSpanId);
        Assert.Equal(grainTurn.SpanId, operation.ParentSpanId);
        Assert.Equal(operation.SpanId, driverCall.ParentSpanId);
        Assert.Equal(ReceivedSpan.Client, driverCall.Kind);
    }

    /// <summary>Placement decides where grains live: create through A until B hosts one; its UUID.</summary>
    private static async Task<string> CreateUntilOneIsHostedOnAsync(ServerProcess nodeA, ServerProcess nodeB)
    {
        var type = await nodeA.Client.CreateTypeAsync();
        for (var created = 0; created < 60; created += 5)
        {
            var batch = new List<string>();
            for (var i = 0; i < 5; i++)
            {
                batch.Add(await nodeA.Client.CreateInstanceAsync(type, $"traced-{created + i}"));
            }

            await Eventually.MatchAsync(() => Task.FromResult(batch.Count(u => Built(nodeA, u) || Built(nodeB, u))), n => n == batch.Count, Within);
            if (batch.FirstOrDefault(u => Built(nodeB, u)) is { } onB)
            {
                return onB;
            }
        }

        throw new InvalidOperationException("none of 60 instances was placed on node B");
    }

    private static bool Built(ServerProcess node, string uuid) => node.Output.Contains($"Build of instance {uuid} ended", StringComparison.Ordinal);
}
