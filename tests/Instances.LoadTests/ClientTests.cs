using System.Net;
using Instances.Client;
using Instances.Client.Models;
using Instances.Testing;

namespace Instances.LoadTests;

/// <summary>The typed client against the real server: every resource once, and errors as typed exceptions.</summary>
[Collection(ServerCollection.Name)]
public sealed class ClientTests(ServerFactory server)
{
    private InstancesClient Client(string project, string roles = "admin") =>
        new(server.BaseAddress, new InstancesClientOptions { ProjectId = project, UserId = "alice", Roles = roles });

    private static NewInstance Body(Guid type, string name) =>
        new() { Name = name, InstanceTypeUuid = type, ImageUuid = Guid.NewGuid(), Networks = [new NetworkRequest(Guid.NewGuid(), "normal")] };

    private static Task<InstanceStates> SettledAsync(InstancesClient client, Guid id) =>
        Eventually.MatchAsync(() => client.GetStatesAsync(id), s => s.IsStable);

    [Fact]
    public async Task TypesExtraSpecsAndZonesRoundTrip()
    {
        using var admin = Client("client-types");
        var type = await admin.CreateTypeAsync(new NewInstanceType("client.small", "2 cores", ExtraSpecs: new Dictionary<string, string> { ["cpu_arch"] = "x86_64" }));

        var specs = await admin.SetExtraSpecsAsync(type.Uuid, new Dictionary<string, string> { ["gpu"] = "none" });
        await admin.DeleteExtraSpecAsync(type.Uuid, "cpu_arch");
        var renamed = await admin.UpdateTypeAsync(type.Uuid, new InstanceTypeUpdate(Name: "client.medium"));

        Assert.Equal(new Dictionary<string, string> { ["cpu_arch"] = "x86_64", ["gpu"] = "none" }, specs);
        Assert.Equal(new Dictionary<string, string> { ["gpu"] = "none" }, await admin.GetExtraSpecsAsync(type.Uuid));
        Assert.Equal("client.medium", renamed.Name);
        Assert.Contains(await admin.ListTypesAsync(), t => t.Uuid == type.Uuid);
        Assert.NotEmpty(await admin.ListAvailabilityZonesAsync());
        await admin.DeleteTypeAsync(type.Uuid);
        var gone = await Assert.ThrowsAsync<InstancesApiException>(() => admin.GetTypeAsync(type.Uuid));
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
        Assert.StartsWith("req-", gone.RequestId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInstancesEventStreamYieldsItsChangesInOrderAndResumesAfterAnId()
    {
        using var client = Client("client-events");
        var type = await client.CreateTypeAsync(new NewInstanceType("client.events"));
        var created = await client.CreateInstanceAsync(Body(type.Uuid, "events-1"));
        await SettledAsync(client, created.Uuid);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        List<InstanceEvent> seen;
        using (var stream = await client.OpenInstanceEventsAsync(created.Uuid, cancellationToken: stop.Token))
        {
            await client.SetPowerAsync(created.Uuid, PowerTarget.Off);
            seen = await UntilAsync(stream, "stopped", stop.Token);
        }

        Assert.Equal(["powering-off", "stopped"], seen.Select(e => e.Status));
        Assert.All(seen, e => Assert.Equal("power off", e.Action));
        await client.SetPowerAsync(created.Uuid, PowerTarget.On);
        await SettledAsync(client, created.Uuid);
        using var resumed = await client.OpenInstanceEventsAsync(created.Uuid, seen[0].Id, stop.Token);

        Assert.Equal(["stopped", "powering-on", "active"], (await UntilAsync(resumed, "active", stop.Token)).Select(e => e.Status));
    }

    private static async Task<List<InstanceEvent>> UntilAsync(InstanceEventStream stream, string status, CancellationToken cancellationToken)
    {
        var events = new List<InstanceEvent>();
        await foreach (var change in stream.ReadAllAsync(cancellationToken))
        {
            events.Add(change);
            if (change.Status == status)
            {
                break;
            }
        }

        return events;
    }

    [Fact]
    public async Task AnInstanceGoesThroughItsWholeLifeWithTheClient()
    {
        using var client = Client("client-life");
        var type = await client.CreateTypeAsync(new NewInstanceType("client.life"));
        var body = Body(type.Uuid, "life-1");

        var created = await client.CreateInstanceAsync(body, idempotencyKey: "life-1");
        var replayed = await client.CreateInstanceAsync(body, idempotencyKey: "life-1");
        Assert.Equal(created.Uuid, replayed.Uuid);
        Assert.Equal("building", created.Status);
        Assert.Equal("active", (await SettledAsync(client, created.Uuid)).Status);

        var off = await client.SetPowerAsync(created.Uuid, PowerTarget.Off);
        Assert.StartsWith("req-", off.RequestId, StringComparison.Ordinal);
        Assert.Equal("stopped", (await SettledAsync(client, created.Uuid)).Status);
        await client.SetPowerAsync(created.Uuid, PowerTarget.On);
        await SettledAsync(client, created.Uuid);
        await client.RebuildAsync(created.Uuid, Guid.NewGuid());
        Assert.Equal("active", (await SettledAsync(client, created.Uuid)).Status);

        await client.SetLockAsync(created.Uuid, true);
        using var member = Client("client-life", roles: "member");
        var locked = await Assert.ThrowsAsync<InstancesApiException>(() => member.SetPowerAsync(created.Uuid, PowerTarget.Reboot));
        Assert.Equal(HttpStatusCode.Conflict, locked.Status);
        Assert.Contains("locked", locked.Detail, StringComparison.OrdinalIgnoreCase);
        await client.SetLockAsync(created.Uuid, false);

        var patched = await client.UpdateInstanceAsync(created.Uuid, [PatchOperation.Replace("/name", "life-2"), PatchOperation.Add("/extra/k", "v")]);
        Assert.Equal("life-2", patched.Name);
        Assert.Equal("v", patched.Extra!["k"]);

        var bulk = await client.BulkPowerAsync(PowerTarget.Off, [created.Uuid, Guid.NewGuid()]);
        Assert.Equal([202, 404], bulk.Select(r => r.Status));
        await SettledAsync(client, created.Uuid);
        var byFilter = await client.BulkPowerAsync(PowerTarget.On, new Dictionary<string, object> { ["status"] = "stopped" });
        Assert.Equal(202, Assert.Single(byFilter).Status);
        await SettledAsync(client, created.Uuid);

        var page = await client.ListInstancesAsync(new InstanceListQuery { Name = "life-2", Fields = ["status", "power_state"] });
        Assert.Equal("power on", Assert.Single(page.Instances).PowerState);
        Assert.Equal(created.Uuid, (await client.GetInstanceAsync(created.Uuid)).Uuid);
        var actions = await client.GetActionsAsync(created.Uuid);
        Assert.Contains(actions, a => a.RequestId == off.RequestId && a.Action == "power off" && a.Result == "success");

        await client.DeleteInstanceAsync(created.Uuid);
        await Eventually.MatchAsync(
            async () => (await client.ListInstancesAsync(new InstanceListQuery { Name = "life-2" })).Instances.Count,
            count => count == 0);
    }

    [Fact]
    public async Task ListingAllFollowsEveryPage()
    {
        using var client = Client("client-pages");
        var type = await client.CreateTypeAsync(new NewInstanceType("client.pages"));
        for (var i = 0; i < 5; i++)
        {
            await client.CreateInstanceAsync(Body(type.Uuid, $"page-{i}"));
        }

        var all = await client.ListAllInstancesAsync(new InstanceListQuery { Limit = 2, SortKey = "name", SortDir = "asc" }).ToListAsync();

        Assert.Equal(["page-0", "page-1", "page-2", "page-3", "page-4"], all.Select(i => i.Name));
    }

    [Fact]
    public async Task ABadRequestCarriesTheFieldErrors()
    {
        using var client = Client("client-errors");

        var error = await Assert.ThrowsAsync<InstancesApiException>(() => client.CreateInstanceAsync(Body(Guid.NewGuid(), "")));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains("name", error.Detail, StringComparison.Ordinal);
        Assert.NotNull(error.Errors);
    }
}
