namespace Instances.Client;

/// <summary>How a client identifies itself and how hard it retries.</summary>
public sealed record InstancesClientOptions
{
    /// <summary>JWT mode: sent as <c>Authorization: Bearer</c>. Null sends none.</summary>
    public string? BearerToken { get; init; }

    /// <summary>Noauth mode: the <c>X-Project-Id</c> an authenticating proxy would set. Null sends none.</summary>
    public string? ProjectId { get; init; }

    /// <summary>Noauth mode: <c>X-User-Id</c>.</summary>
    public string? UserId { get; init; }

    /// <summary>Noauth mode: <c>X-Roles</c>, e.g. <c>admin</c> or <c>member</c>.</summary>
    public string? Roles { get; init; }

    /// <summary>Retry rules for 503 and 429 answers.</summary>
    public RetryRules Retry { get; init; } = new();

    /// <summary>Called before each retry with the status that caused it and the delay chosen.</summary>
    public Action<int, TimeSpan>? OnRetry { get; init; }
}
