using System.Net;

namespace Instances.Client;

/// <summary>An error answer of the API: the RFC 9457 problem body, read into members.</summary>
public sealed class InstancesApiException : Exception
{
    public InstancesApiException(HttpStatusCode status, string? title, string? detail, string? requestId)
        : base($"{(int)status} {title}: {detail} ({requestId})")
    {
        Status = status;
        Title = title;
        Detail = detail;
        RequestId = requestId;
    }

    public InstancesApiException()
        : this(HttpStatusCode.InternalServerError, null, null, null)
    {
    }

    public InstancesApiException(string message)
        : base(message)
    {
    }

    public InstancesApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public HttpStatusCode Status { get; }

    public string? Title { get; }

    public string? Detail { get; }

    /// <summary>The <c>x-openstack-request-id</c> of the failed request (the body's <c>request_id</c>).</summary>
    public string? RequestId { get; }

    /// <summary>The problem <c>type</c>.</summary>
    public string? Type { get; init; }

    /// <summary>A 400's messages by field.</summary>
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }

    /// <summary>What the server's <c>Retry-After</c> asked for, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
