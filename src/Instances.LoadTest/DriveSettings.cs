using Instances.Client;

namespace Instances.LoadTest;

/// <summary>Everything a drive needs; from the command line.</summary>
public sealed record DriveSettings
{
    public required IReadOnlyList<Uri> Urls { get; init; }
    public string Project { get; init; } = "loadtest";
    public string? Token { get; init; }
    public int Instances { get; init; } = 200;
    public int Workers { get; init; } = 32;

    /// <summary>Arrivals per second (open model); null runs the closed model with <see cref="Workers"/>.</summary>
    public double? Rate { get; init; }
    public int MaxInFlight { get; init; } = 10_000;
    public TimeSpan? Duration { get; init; }

    /// <summary>Driven first and not measured (JIT, connection pools, caches); its operations are still verified.</summary>
    public TimeSpan WarmUp { get; init; }

    /// <summary>Operations accepted (closed) or arrivals (open) to measure, after the warm-up.</summary>
    public long? Count { get; init; }
    public PowerMix Mix { get; init; } = PowerMix.Default;
    public TimeSpan VerifyTimeout { get; init; } = TimeSpan.FromMinutes(2);
    public string Output { get; init; } = "loadtest-results";
    public bool Plot { get; init; } = true;

    /// <summary>Noauth headers for the project (as an admin of it, so setup may create a type), or a bearer token.</summary>
    public InstancesClientOptions ClientOptions(Action<int, TimeSpan>? onRetry = null) => Token is { } token
        ? new() { BearerToken = token, OnRetry = onRetry }
        : new() { ProjectId = Project, UserId = "loadtest", Roles = "admin", OnRetry = onRetry };
}
