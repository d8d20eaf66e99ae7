using System.Text.Json;
using Instances.HttpTests.Infrastructure;
using Instances.Testing;

namespace Instances.HttpTests;

/// <summary>API.md §8 "Live events": Server-Sent Events per instance and per project, resumable by id.</summary>
[Collection(EventsCollection.Name)]
public sealed class EventsTests(EventsFactory factory)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);
    private readonly Api _admin = new(factory.CreateClient());

    private async Task<(Api Owner, string Uuid)> ActiveInstanceAsync(string? project = null)
    {
        var owner = _admin.As(Identity.Member(project ?? $"p-{Guid.NewGuid():N}"));
        return (owner, await owner.CreateActiveInstanceAsync(await _admin.CreateTypeAsync()));
    }

    private static Task<SseStream> OpenAsync(Api api, string path, string? lastEventId = null) =>
        SseStream.OpenAsync(api.Http, path, request =>
        {
            api.Identity.Apply(request);
            if (lastEventId is not null)
            {
                request.Headers.Add("Last-Event-ID", lastEventId);
            }
        });

    private static string Status(SseMessage m) => m.Json.GetProperty("status").GetString()!;

    [Fact]
    public async Task AChangeMadeRightAfterTheHeadersArriveIsStreamedWithEveryStepInOrder()
    {
        var (owner, uuid) = await ActiveInstanceAsync();
        await using var stream = await OpenAsync(owner, $"/v1/instances/{uuid}/events");
        Assert.Equal(200, (int)stream.Response.StatusCode);
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-cache", stream.Response.Headers.CacheControl?.ToString());
        Assert.True(stream.Response.Headers.Contains("x-openstack-request-id"));

        Assert.Equal(202, (await owner.PutAsync($"/v1/instances/{uuid}/states/power", new { target = "off" })).Status);
        var events = await stream.EventsUntilAsync(e => Status(e) == "stopped", Within);

        Assert.Equal(["powering-off", "stopped"], events.Select(Status));
        var accepted = events[0].Json;
        Assert.Equal(uuid, accepted.GetProperty("uuid").GetString());
        Assert.Equal("power on", accepted.GetProperty("power_state").GetString());
        Assert.Equal("power off", accepted.GetProperty("target_power_state").GetString());
        Assert.Equal("power off", accepted.GetProperty("action").GetString());
        Assert.True(accepted.GetProperty("changed_at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));
        var done = events[1].Json;
        Assert.Equal("power off", done.GetProperty("power_state").GetString());
        Assert.Equal(JsonValueKind.Null, done.GetProperty("target_power_state").ValueKind);
        Assert.Equal(JsonValueKind.Null, done.GetProperty("last_error").ValueKind);
        Assert.All(events, e => Assert.False(string.IsNullOrEmpty(e.Id)));
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public async Task ReconnectingWithLastEventIdReplaysExactlyTheEventsAfterIt()
    {
        var (owner, uuid) = await ActiveInstanceAsync();
        List<SseMessage> first;
        await using (var stream = await OpenAsync(owner, $"/v1/instances/{uuid}/events"))
        {
            await owner.PutAsync($"/v1/instances/{uuid}/states/power", new { target = "off" });
            first = await stream.EventsUntilAsync(e => Status(e) == "stopped", Within);
        }

        // Changes while no client listens are kept for the next one.
        Assert.Equal(202, (await owner.PutAsync($"/v1/instances/{uuid}/states/power", new { target = "on" })).Status);
        await owner.WaitForStatusAsync(uuid, "active");

        await using var resumed = await OpenAsync(owner, $"/v1/instances/{uuid}/events", lastEventId: first[0].Id);
        var replayed = await resumed.EventsUntilAsync(e => Status(e) == "active", Within);

        Assert.Equal(["stopped", "powering-on", "active"], replayed.Select(Status));
        Assert.Equal(first[1].Id, replayed[0].Id);
        Assert.Equal(first[1].Data, replayed[0].Data);
    }

    [Fact]
    public async Task TheLastEventIdMayAlsoBeGivenInTheQueryForBrowsers()
    {
        var (owner, uuid) = await ActiveInstanceAsync();
        string afterOff;
        await using (var stream = await OpenAsync(owner, $"/v1/instances/{uuid}/events"))
        {
            await owner.PutAsync($"/v1/instances/{uuid}/states/power", new { target = "off" });
            afterOff = (await stream.EventsUntilAsync(e => Status(e) == "stopped", Within))[^1].Id!;
        }

        await owner.PutAsync($"/v1/instances/{uuid}/states/lock", new { target = true });
        await using var resumed = await OpenAsync(owner, $"/v1/instances/{uuid}/events?last_event_id={afterOff}");
        var next = await resumed.NextEventAsync(Within);

        Assert.Equal("lock", next.Json.GetProperty("action").GetString());
        Assert.True(next.Json.GetProperty("locked").GetBoolean());
    }

    [Fact]
    public async Task AProjectStreamCarriesItsOwnInstancesOnlyAndAnAdminsAllTenantsStreamCarriesEveryProject()
    {
        var (mine, myUuid) = await ActiveInstanceAsync();
        var (theirs, theirUuid) = await ActiveInstanceAsync();
        await using var project = await OpenAsync(mine, "/v1/events?all_tenants=true"); // ignored for a member
        await using var everything = await OpenAsync(_admin, "/v1/events?all_tenants=true");

        await theirs.PutAsync($"/v1/instances/{theirUuid}/states/power", new { target = "off" });
        await theirs.WaitForStatusAsync(theirUuid, "stopped");
        await mine.PutAsync($"/v1/instances/{myUuid}/states/power", new { target = "off" });

        var seenByMember = await project.EventsUntilAsync(e => Uuid(e) == myUuid && Status(e) == "stopped", Within);
        Assert.All(seenByMember, e => Assert.Equal(myUuid, Uuid(e)));
        var seenByAdmin = await everything.EventsUntilAsync(e => Uuid(e) == myUuid && Status(e) == "stopped", Within);
        Assert.Contains(seenByAdmin, e => Uuid(e) == theirUuid && Status(e) == "stopped");
    }

    [Fact]
    public async Task AnotherProjectsInstanceAndAnUnknownOneAre404ProblemJsonEvenWhenAskingForAStream()
    {
        var (_, uuid) = await ActiveInstanceAsync();
        var stranger = _admin.As(Identity.Member($"p-{Guid.NewGuid():N}"));

        await using var other = await OpenAsync(stranger, $"/v1/instances/{uuid}/events");
        await using var unknown = await OpenAsync(stranger, $"/v1/instances/{Guid.NewGuid()}/events");

        foreach (var response in new[] { other.Response, unknown.Response })
        {
            Assert.Equal(404, (int)response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Theory]
    [InlineData("not-an-id")]
    [InlineData("12-")]
    [InlineData("-3")]
    public async Task AMalformedLastEventIdIsA400NamingIt(string lastEventId)
    {
        var (owner, uuid) = await ActiveInstanceAsync();

        await using var stream = await OpenAsync(owner, $"/v1/instances/{uuid}/events", lastEventId);

        var body = await stream.Response.Content.ReadAsStringAsync();
        Assert.Equal(400, (int)stream.Response.StatusCode);
        Assert.Equal("application/problem+json", stream.Response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Last-Event-ID", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskingForJsonOnlyFromAStreamIs406ProblemJson()
    {
        var response = await _admin.SendAsync(
            HttpMethod.Get, "/v1/events", configure: r => r.Headers.Accept.ParseAdd("application/json"));

        ProblemAssert.Is(response, 406, "text/event-stream");
    }

    [Fact]
    public async Task AnIdleStreamGetsHeartbeatComments()
    {
        await using var stream = await OpenAsync(_admin, "/v1/events?project_id=" + Guid.NewGuid().ToString("N"));

        // Nothing happens in that project: the first messages are comments, well within the heartbeat period.
        var first = await stream.NextAsync(EventsFactory.Heartbeat * 20);
        var second = await stream.NextAsync(EventsFactory.Heartbeat * 20);

        Assert.Equal("heartbeat", first.Comment);
        Assert.Equal("heartbeat", second.Comment);
    }

    [Fact]
    public async Task AFreshStreamStartsNowAndItsRenewalsResendNothingOlder()
    {
        var (owner, uuid) = await ActiveInstanceAsync();
        await owner.PutAsync($"/v1/instances/{uuid}/states/power", new { target = "off" });
        await owner.WaitForStatusAsync(uuid, "stopped");
        await using var stream = await OpenAsync(owner, "/v1/events");

        // Six heartbeats take longer than three renewals (EventsFactory): the earlier events must not reappear.
        for (var i = 0; i < 6; i++)
        {
            var quiet = await stream.NextAsync(Within);
            Assert.True(quiet.Comment == "heartbeat", $"expected only heartbeats, got {quiet}");
        }

        await owner.PutAsync($"/v1/instances/{uuid}/states/power", new { target = "on" });
        Assert.Equal("powering-on", Status(await stream.NextEventAsync(Within)));
    }

    [Fact]
    public async Task ADeletionEndsWithADeletedEvent()
    {
        var (owner, uuid) = await ActiveInstanceAsync();
        await using var stream = await OpenAsync(owner, $"/v1/instances/{uuid}/events");

        Assert.Equal(204, (await owner.DeleteAsync($"/v1/instances/{uuid}")).Status);
        var events = await stream.EventsUntilAsync(e => Status(e) == "deleted", Within);

        Assert.Equal(["deleting", "deleted"], events.Select(Status));
        Assert.All(events, e => Assert.Equal("delete", e.Json.GetProperty("action").GetString()));
    }

    private static string Uuid(SseMessage m) => m.Json.GetProperty("uuid").GetString()!;

    [Theory]
    [InlineData("/v1/instances", "post", "Idempotency-Key")]
    [InlineData("/v1/instances/{uuid}/events", "get", "Last-Event-ID")]
    [InlineData("/v1/events", "get", "Last-Event-ID")]
    public async Task SwaggerDescribesTheHeadersTheseRoutesRead(string path, string method, string header)
    {
        var document = await _admin.GetAsync("/swagger/v1/swagger.json");

        var operation = document.Json.GetProperty("paths").GetProperty(path).GetProperty(method);
        Assert.Contains(operation.GetProperty("parameters").EnumerateArray(),
            p => p.GetProperty("name").GetString() == header && p.GetProperty("in").GetString() == "header");
    }

    [Fact]
    public async Task SwaggerDescribesTheStreamsAsEventStreams()
    {
        var document = await _admin.GetAsync("/swagger/v1/swagger.json");

        var stream = document.Json.GetProperty("paths").GetProperty("/v1/events").GetProperty("get").GetProperty("responses").GetProperty("200");
        Assert.True(stream.GetProperty("content").TryGetProperty("text/event-stream", out _));
    }
}
