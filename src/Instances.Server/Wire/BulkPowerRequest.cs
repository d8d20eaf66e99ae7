using System.Text.Json;

namespace Instances.Server.Wire;

/// <summary>The body of <c>POST /v1/instances/actions/power</c>: a target and exactly one of a UUID list and a list filter.</summary>
public sealed class BulkPowerRequest
{
    public string? Target { get; set; }

    /// <summary>Seconds, 1–3600, for each instance's driver operation.</summary>
    public int? Timeout { get; set; }

    public IList<string?>? Instances { get; set; }

    /// <summary>The list filters of API.md §4 as members (<c>{"status": "active", "locked": false}</c>).</summary>
    public IDictionary<string, JsonElement>? Filter { get; set; }
}
