using System.Net;

namespace Instances.Grains.Ironic;

/// <summary>Which failures of a request to Ironic are worth another attempt (with backoff and jitter).</summary>
public static class IronicRetry
{
    /// <summary>
    /// 409 NodeLocked (another action holds the node's lock) and 503 (no free conductor worker) mean
    /// Ironic did not act on the request, so any request may be sent again. Other 409s (a duplicate
    /// allocation, say) are answers, not hiccups.
    /// </summary>
    public static bool ShouldRetry(HttpStatusCode status, string? faultString) => status switch
    {
        HttpStatusCode.ServiceUnavailable => true,
        HttpStatusCode.Conflict => IsNodeLocked(faultString),
        _ => false,
    };

    /// <summary>
    /// A failure without a response: a refused connection never reached Ironic, so it is safe for any
    /// request; a connection lost later may have been acted on, so only reads repeat it.
    /// </summary>
    public static bool ShouldRetry(HttpMethod method, HttpRequestException failure) =>
        failure.HttpRequestError is HttpRequestError.ConnectionError || method == HttpMethod.Get;

    /// <summary>Ironic's NodeLocked: "Node … is locked by host …, please retry after the current operation is completed."</summary>
    public static bool IsNodeLocked(string? faultString) =>
        faultString is not null && faultString.Contains("is locked by host", StringComparison.OrdinalIgnoreCase);
}
