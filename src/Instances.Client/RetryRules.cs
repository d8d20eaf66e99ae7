using System.Net;

namespace Instances.Client;

/// <summary>
/// When a request is retried and after how long. 503 (the service or its database is away) and
/// 429 (rate limited) are retried after the server's <c>Retry-After</c>, at most
/// <see cref="MaxAttempts"/> times and never waiting longer than <see cref="MaxDelay"/> at once.
/// Only requests that are safe to send twice are retried: every method but POST and PATCH, a POST
/// carrying an <c>Idempotency-Key</c>, and bulk power (each member is judged like a PUT).
/// </summary>
public sealed record RetryRules
{
    public int MaxAttempts { get; init; } = 5;

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait when the answer has no usable <c>Retry-After</c>.</summary>
    public TimeSpan DefaultDelay { get; init; } = TimeSpan.FromSeconds(1);

    public static bool IsRetryableStatus(HttpStatusCode status) =>
        status is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests;

    public static bool IsSafeToRepeat(HttpRequestMessage request)
    {
        if (request.Method != HttpMethod.Post && request.Method != HttpMethod.Patch)
        {
            return true;
        }

        return request.Headers.Contains(InstancesClient.IdempotencyKeyHeader)
            || (request.Method == HttpMethod.Post && request.RequestUri?.AbsolutePath.EndsWith("/instances/actions/power", StringComparison.Ordinal) == true);
    }

    /// <summary>How long to wait before repeating a request that got <paramref name="response"/>.</summary>
    public TimeSpan DelayFor(HttpResponseMessage response, DateTimeOffset now)
    {
        var delay = ServerDelay(response, now) ?? DefaultDelay;
        if (delay < TimeSpan.Zero)
        {
            delay = TimeSpan.Zero;
        }

        return delay > MaxDelay ? MaxDelay : delay;
    }

    /// <summary>What <c>Retry-After</c> asks for: seconds, or an HTTP date.</summary>
    public static TimeSpan? ServerDelay(HttpResponseMessage response, DateTimeOffset now) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - now,
        _ => null,
    };
}
