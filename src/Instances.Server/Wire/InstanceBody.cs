using System.Text.Json.Serialization;

namespace Instances.Server.Wire;

/// <summary>The full instance representation of API.md §4 (show, create, detail list).</summary>
public sealed record InstanceBody
{
    public required Guid Uuid { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }
    public required string ProjectId { get; init; }
    public required string UserId { get; init; }
    public required string Status { get; init; }
    public string? PowerState { get; init; }
    public string? TargetPowerState { get; init; }
    public bool Locked { get; init; }
    public required string AvailabilityZone { get; init; }
    public required Guid InstanceTypeUuid { get; init; }
    public required Guid ImageUuid { get; init; }

    /// <summary>Keyed by port UUID, as the original service's <c>network_info</c>.</summary>
    public required IReadOnlyDictionary<string, PortBody> NetworkInfo { get; init; }
    public required IReadOnlyDictionary<string, string> Extra { get; init; }
    public FaultBody? Fault { get; init; }
    public required IReadOnlyList<Link> Links { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    public DateTimeOffset? LaunchedAt { get; init; }

    /// <summary>
    /// The node the instance runs on (the Ironic node's UUID with the Ironic driver), as Mogan's
    /// <c>node_uuid</c>: shown to admins only, by show; absent from the body for everyone else.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NodeUuid { get; init; }

    /// <summary>The attribute names of this representation, for <c>fields=</c> and PATCH paths.</summary>
    public static readonly IReadOnlySet<string> FieldNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "uuid", "name", "description", "project_id", "user_id", "status", "power_state", "target_power_state",
        "locked", "availability_zone", "instance_type_uuid", "image_uuid", "network_info", "extra", "fault",
        "links", "created_at", "updated_at", "launched_at",
    };

    /// <summary>What <c>GET /v1/instances</c> shows of each instance.</summary>
    public static readonly IReadOnlyList<string> SummaryFields = ["uuid", "name", "description", "status", "power_state", "links"];
}

/// <summary>One port of <c>network_info</c>.</summary>
public sealed record PortBody(Guid Network, string? PortType, string MacAddress, IReadOnlyList<FixedIpBody> FixedIps);

/// <summary>A fixed IP of a port.</summary>
public sealed record FixedIpBody(string IpAddress, Guid SubnetId);

/// <summary>Why an instance is in error.</summary>
public sealed record FaultBody(int Code, string Message, DateTimeOffset CreatedAt);
