using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Instances.Client;
using Instances.Client.Models;

namespace Instances.LoadTests;

public sealed class RetryTests
{
    /// <summary>Answers from a script, one per request, recording what was asked.</summary>
    private sealed class ScriptedHandler(params Func<HttpResponseMessage>[] answers) : HttpMessageHandler
    {
        private int _next;

        public List<HttpRequestMessage> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return Task.FromResult(answers[Math.Min(_next++, answers.Length - 1)]());
        }
    }

    private static HttpResponseMessage Unavailable(TimeSpan? retryAfter = null)
    {
        var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
        {
            Content = new StringContent(
                """{"type":"about:blank","title":"Service Unavailable","status":503,"detail":"The database is unreachable.","request_id":"req-1"}""",
                Encoding.UTF8,
                "application/problem+json"),
        };
        response.Headers.RetryAfter = new RetryConditionHeaderValue(retryAfter ?? TimeSpan.Zero);
        return response;
    }

    private static HttpResponseMessage States() => new(HttpStatusCode.OK)
    {
        Content = new StringContent("""{"power_state":"power on","target_power_state":null,"status":"active","locked":false,"last_error":null}""", Encoding.UTF8, "application/json"),
    };

    private static (InstancesClient Client, ScriptedHandler Handler, List<int> Retried) Client(RetryRules rules, params Func<HttpResponseMessage>[] answers)
    {
        var handler = new ScriptedHandler(answers);
        var retried = new List<int>();
        var options = new InstancesClientOptions { Retry = rules, OnRetry = (status, _) => retried.Add(status) };
        var http = new HttpClient(InstancesClient.CreateHandler(options, handler)) { BaseAddress = new Uri("http://instances.test/") };
        return (new InstancesClient(http, options), handler, retried);
    }

    [Fact]
    public async Task A503IsRetriedUntilTheServerAnswers()
    {
        var (client, handler, retried) = Client(new RetryRules(), () => Unavailable(), () => Unavailable(), States);

        var states = await client.GetStatesAsync(Guid.NewGuid());

        Assert.Equal("active", states.Status);
        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal([503, 503], retried);
    }

    [Fact]
    public async Task RetriesAreBoundedAndTheLast503BecomesATypedException()
    {
        var (client, handler, _) = Client(new RetryRules { MaxAttempts = 2 }, () => Unavailable());

        var error = await Assert.ThrowsAsync<InstancesApiException>(() => client.GetStatesAsync(Guid.NewGuid()));

        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.Status);
        Assert.Equal("Service Unavailable", error.Title);
        Assert.Equal("The database is unreachable.", error.Detail);
        Assert.Equal("req-1", error.RequestId);
        Assert.Equal(TimeSpan.Zero, error.RetryAfter);
    }

    [Fact]
    public async Task ACreateWithoutAnIdempotencyKeyIsNotRepeated()
    {
        var (client, handler, _) = Client(new RetryRules(), () => Unavailable());
        var body = new NewInstance { Name = "x", InstanceTypeUuid = Guid.NewGuid(), ImageUuid = Guid.NewGuid(), Networks = [new NetworkRequest(Guid.NewGuid())] };

        await Assert.ThrowsAsync<InstancesApiException>(() => client.CreateInstanceAsync(body));

        Assert.Single(handler.Requests);
    }

    [Theory]
    [InlineData("GET", "http://h/v1/instances/1/states", null, true)]
    [InlineData("PUT", "http://h/v1/instances/1/states/power", null, true)]
    [InlineData("DELETE", "http://h/v1/instances/1", null, true)]
    [InlineData("POST", "http://h/v1/instances", null, false)]
    [InlineData("POST", "http://h/v1/instances", "key-1", true)]
    [InlineData("POST", "http://h/v1/instances/actions/power", null, true)]
    [InlineData("POST", "http://h/v1/types", null, false)]
    [InlineData("PATCH", "http://h/v1/instances/1", null, false)]
    public void OnlyRequestsSafeToSendTwiceAreRepeated(string method, string url, string? idempotencyKey, bool repeated)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (idempotencyKey is not null)
        {
            request.Headers.Add(InstancesClient.IdempotencyKeyHeader, idempotencyKey);
        }

        Assert.Equal(repeated, RetryRules.IsSafeToRepeat(request));
    }

    [Fact]
    public void TheDelayIsTheServersRetryAfterCappedAtTheMaximum()
    {
        var rules = new RetryRules { MaxDelay = TimeSpan.FromSeconds(5), DefaultDelay = TimeSpan.FromMilliseconds(300) };
        var now = new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
        using var seconds = Unavailable(TimeSpan.FromSeconds(2));
        using var tooLong = Unavailable(TimeSpan.FromMinutes(5));
        using var date = Unavailable();
        date.Headers.RetryAfter = new RetryConditionHeaderValue(now.AddSeconds(3));
        using var none = Unavailable();
        none.Headers.RetryAfter = null;

        Assert.Equal(TimeSpan.FromSeconds(2), rules.DelayFor(seconds, now));
        Assert.Equal(TimeSpan.FromSeconds(5), rules.DelayFor(tooLong, now));
        Assert.Equal(TimeSpan.FromSeconds(3), rules.DelayFor(date, now));
        Assert.Equal(TimeSpan.FromMilliseconds(300), rules.DelayFor(none, now));
    }

    [Fact]
    public async Task ANonJsonErrorStillBecomesATypedException()
    {
        var (client, _, _) = Client(new RetryRules(), () => new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html>bad gateway</html>") });

        var error = await Assert.ThrowsAsync<InstancesApiException>(() => client.GetStatesAsync(Guid.NewGuid()));

        Assert.Equal(HttpStatusCode.BadGateway, error.Status);
        Assert.Equal("<html>bad gateway</html>", error.Detail);
    }
}
