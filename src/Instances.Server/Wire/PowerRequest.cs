namespace Instances.Server.Wire;

/// <summary>The body of <c>PUT /v1/instances/{uuid}/states/power</c>.</summary>
public sealed class PowerRequest
{
    public string? Target { get; set; }

    /// <summary>Seconds, 1–3600. An integer: the strict reader refuses "10" and 1.5.</summary>
    public int? Timeout { get; set; }
}
